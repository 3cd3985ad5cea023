import Foundation
import Testing
@testable import Optimizers

@Suite struct NadamTests {
    /// Dozat's momentum cache: u_t = b1 (1 - 0.5 * 0.96^t), its running product U_t, and the
    /// Nesterov-corrected moment, as Keras's Nadam computes them.
    @Test func fourStepsOnAQuadratic() throws {
        let (lr, b1, b2, eps) = (0.02, 0.85, 0.99, 1e-6)
        var x = 1.0, m = 0.0, v = 0.0, product = 1.0
        var expected: [[Double]] = []
        for t in 1...4 {
            let g = 2 * x
            let u = b1 * (1 - 0.5 * pow(0.96, Double(t))), next = b1 * (1 - 0.5 * pow(0.96, Double(t + 1)))
            product *= u
            m += (g - m) * (1 - b1)
            v += (g * g - v) * (1 - b2)
            let mHat = next * m / (1 - product * next) + (1 - u) * g / (1 - product)
            let vHat = v / (1 - pow(b2, Double(t)))
            x -= mHat * lr / (vHat.squareRoot() + eps)
            expected.append([x])
        }
        let configuration = OptimizerConfiguration(OptimizerRule(Nadam().with(\.moments.beta1, b1).with(\.moments.beta2, b2).with(\.moments.epsilon, eps)), learningRate: .constant(lr))
        #expect(close(try steps(configuration, from: [1], steps: 4, gradient: oneD), expected, tolerance: 1e-14))
    }

    @Test func theProductIsCarriedAndSaved() throws {
        let nadam = try Optimizer<Double>(OptimizerRule(Nadam()))
        var x = [1.0]
        try nadam.update(parameters: &x, gradients: [2])
        try nadam.update(parameters: &x, gradients: [2])
        let u1 = 0.9 * (1 - 0.5 * 0.96), u2 = 0.9 * (1 - 0.5 * 0.96 * 0.96)
        #expect(abs(nadam.state.carried[0] - u1 * u2) < 1e-15)
        let restored = try Optimizer<Double>(OptimizerRule(Nadam()))
        try restored.restore(nadam.state)
        var y = x
        try nadam.update(parameters: &x, gradients: [1])
        try restored.update(parameters: &y, gradients: [1])
        #expect(x == y)
    }
}
