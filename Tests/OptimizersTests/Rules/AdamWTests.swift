import Foundation
import Testing
@testable import Optimizers

@Suite struct AdamWTests {
    /// Keras's base optimizer decays first, `theta -= theta * wd * lr`, then takes Adam's step.
    @Test func decayThenAdam() throws {
        let (lr, wd) = (0.05, 0.2)
        var x = 2.0, m = 0.0, v = 0.0
        var expected: [[Double]] = []
        for t in 1...3 {
            let g = 2 * x
            x -= x * wd * lr
            m += (g - m) * 0.1
            v += (g * g - v) * 0.001
            x -= lr * (1 - pow(0.999, Double(t))).squareRoot() / (1 - pow(0.9, Double(t))) * m / (v.squareRoot() + 1e-7)
            expected.append([x])
        }
        let configuration = OptimizerConfiguration(OptimizerRule(AdamW()), learningRate: .constant(lr), weightDecay: wd)
        #expect(close(try steps(configuration, from: [2], gradient: oneD), expected, tolerance: 1e-14))
    }

    @Test func decaysByDefault() {
        #expect(OptimizerConfiguration(OptimizerRule(AdamW())).weightDecay == 0.004)
        #expect(OptimizerConfiguration(OptimizerRule(Adam())).weightDecay == nil)
    }
}
