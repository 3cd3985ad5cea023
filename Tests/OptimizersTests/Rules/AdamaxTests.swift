import Foundation
import Testing
@testable import Optimizers

@Suite struct AdamaxTests {
    /// Keras's update written out for one scalar: m, u, then the step with the bias correction of m.
    @Test func fourStepsOnAQuadratic() throws {
        let (lr, b1, b2, eps) = (0.05, 0.8, 0.95, 1e-3)
        var x = 1.5, m = 0.0, u = 0.0
        var expected: [[Double]] = []
        for t in 1...4 {
            let g = 2 * x
            m += (g - m) * (1 - b1)
            u = max(b2 * u, abs(g))
            x -= lr * m / ((1 - pow(b1, Double(t))) * (u + eps))
            expected.append([x])
        }
        let configuration = OptimizerConfiguration(OptimizerRule(Adamax().with(\.moments.beta1, b1).with(\.moments.beta2, b2).with(\.moments.epsilon, eps)), learningRate: .constant(lr))
        #expect(close(try steps(configuration, from: [1.5], steps: 4, gradient: oneD), expected, tolerance: 1e-14))
    }

    @Test func firstStepIsTheLearningRate() throws {
        // m1 = (1-b1) g, u1 = |g|: the step is lr * (1-b1) g / ((1-b1) (|g| + eps)) ≈ lr * sign(g).
        let x = try steps(OptimizerConfiguration(OptimizerRule(Adamax().with(\.moments.epsilon, 0)), learningRate: 0.1), from: [3], steps: 1, gradient: oneD)
        #expect(abs(x[0][0] - 2.9) < 1e-14)
    }
}
