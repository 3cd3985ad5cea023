import Foundation
import Testing
@testable import Optimizers

@Suite struct ScheduleFreeAdamWTests {
    /// z starts at theta and takes Adam-scaled steps; theta is the interpolation of z and the
    /// running average x of the z's, with a linear warm-up of the rate.
    @Test func fourStepsWithWarmup() throws {
        let (lr, b1, b2, eps, warmup) = (0.1, 0.8, 0.95, 1e-6, 3)
        var y = 1.0, z = 1.0, v = 0.0
        var expected: [[Double]] = []
        for t in 1...4 {
            let g = 2 * y, step = Double(t)
            let rate = lr * min(step / Double(warmup), 1)
            v += (g * g - v) * (1 - b2)
            let zOld = z
            z -= rate * g / ((v / (1 - pow(b2, step))).squareRoot() + eps)
            let xOld = (y - (1 - b1) * zOld) / b1
            let x = (1 - 1 / step) * xOld + z / step
            y = (1 - b1) * z + b1 * x
            expected.append([y])
        }
        let rule = ScheduleFreeAdamW().with(\.beta1, b1).with(\.beta2, b2).with(\.epsilon, eps).with(\.warmupSteps, warmup)
        #expect(close(try steps(OptimizerConfiguration(OptimizerRule(rule), learningRate: .constant(lr)), from: [1], steps: 4,
                            gradient: oneD), expected, tolerance: 1e-14))
    }

    @Test func defaultsAreKeras() {
        #expect(ScheduleFreeAdamW.defaultLearningRate == 0.0025)
        #expect(ScheduleFreeAdamW.defaults == ScheduleFreeAdamW().with(\.beta1, 0.9).with(\.beta2, 0.999).with(\.epsilon, 1e-8).with(\.warmupSteps, 0))
    }
}
