import Testing
@testable import Optimizers

@Suite struct LionTests {
    /// Every step is ±lr along the sign of b1*m + (1-b1)*g; then m = b2*m + (1-b2)*g.
    @Test func stepsAreTheSignTimesTheRate() throws {
        let (lr, b1, b2) = (0.1, 0.7, 0.9)
        var x = 0.25, m = 0.0
        var expected: [[Double]] = []
        for _ in 1...5 {
            let g = 2 * x
            let c = m * b1 + g * (1 - b1)
            x -= lr * (c > 0 ? 1 : (c < 0 ? -1 : 0))
            m = m * b2 + g * (1 - b2)
            expected.append([x])
        }
        // 0.25 -> 0.15 -> 0.05 -> -0.05 (overshoots: the step does not shrink) ...
        #expect(abs(expected[2][0] + 0.05) < 1e-15)
        let configuration = OptimizerConfiguration(OptimizerRule(Lion().with(\.beta1, b1).with(\.beta2, b2)), learningRate: .constant(lr))
        #expect(close(try steps(configuration, from: [0.25], steps: 5, gradient: oneD), expected, tolerance: 1e-15))
    }

    @Test func aZeroGradientDoesNotMove() throws {
        let x = try steps(OptimizerConfiguration(OptimizerRule(Lion()), learningRate: 1), from: [0], steps: 2, gradient: oneD)
        #expect(x == [[0], [0]])
    }
}
