import Foundation
import Testing
@testable import Optimizers

@Suite struct LambTests {
    /// Adam's bias-corrected direction r, scaled by |theta| / |r| over the whole variable.
    @Test func threeStepsOnTwoParameters() throws {
        let (lr, b1, b2, eps) = (0.1, 0.8, 0.9, 1e-6)
        var p = [1.0, -0.5], m = [0.0, 0.0], v = [0.0, 0.0]
        var expected: [[Double]] = []
        for t in 1...3 {
            let g = twoD(p)
            var r = [0.0, 0.0]
            for i in 0..<2 {
                m[i] += (g[i] - m[i]) * (1 - b1)
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
                r[i] = (m[i] / (1 - pow(b1, Double(t)))) / ((v[i] / (1 - pow(b2, Double(t)))).squareRoot() + eps)
            }
            let ratio = (p[0] * p[0] + p[1] * p[1]).squareRoot() / (r[0] * r[0] + r[1] * r[1]).squareRoot()
            p = [p[0] - ratio * lr * r[0], p[1] - ratio * lr * r[1]]
            expected.append(p)
        }
        let configuration = OptimizerConfiguration(OptimizerRule(Lamb().with(\.moments.beta1, b1).with(\.moments.beta2, b2).with(\.moments.epsilon, eps)), learningRate: .constant(lr))
        #expect(close(try steps(configuration, from: [1, -0.5], steps: 3, gradient: twoD), expected, tolerance: 1e-14))
    }

    @Test func aZeroWeightTakesTheUnscaledStep() throws {
        // |theta| = 0: ratio 1, so the first step is lr * r with r = g/|g| (up to eps) = 1.
        let x = try steps(OptimizerConfiguration(OptimizerRule(Lamb().with(\.moments.epsilon, 0)), learningRate: 0.1), from: [0], steps: 1, gradient: { _ in [3] })
        #expect(abs(x[0][0] + 0.1) < 1e-15)
    }
}
