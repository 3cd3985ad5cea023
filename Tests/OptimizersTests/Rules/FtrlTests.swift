import Foundation
import Testing
@testable import Optimizers

@Suite struct FtrlTests {
    /// McMahan's FTRL-Proximal as Keras writes it, for one scalar, with every regulariser on.
    @Test func threeStepsWithL1L2AndShrinkage() throws {
        let (lr, power, n0, l1, l2, shrink, beta) = (0.2, -0.4, 0.3, 0.05, 0.1, 0.02, 0.2)
        var x = 1.0, n = n0, z = 0.0
        var expected: [[Double]] = []
        for _ in 1...3 {
            let g = 2 * x
            let newN = n + g * g
            z += g + 2 * shrink * x - (pow(newN, -power) - pow(n, -power)) / lr * x
            let quadratic = pow(newN, -power) / lr + 2 * (l2 + beta / (2 * lr))
            x = (min(max(z, -l1), l1) - z) / quadratic
            n = newN
            expected.append([x])
        }
        let rule = Ftrl().with(\.learningRatePower, power).with(\.initialAccumulatorValue, n0).with(\.l1, l1).with(\.l2, l2).with(\.l2Shrinkage, shrink).with(\.beta, beta)
        #expect(close(try steps(OptimizerConfiguration(OptimizerRule(rule), learningRate: .constant(lr)), from: [1], gradient: oneD),
                      expected, tolerance: 1e-14))
    }

    @Test func l1HoldsASmallWeightAtZero() throws {
        // |z| <= l1 gives exactly 0.
        let x = try steps(OptimizerConfiguration(OptimizerRule(Ftrl().with(\.l1, 10)), learningRate: 0.1), from: [0.01], steps: 2, gradient: oneD)
        #expect(x == [[0], [0]])
    }
}
