import Foundation
import Testing
@testable import Optimizers

@Suite struct AdafactorTests {
    /// An unfactored variable (a 2D point): v = b2 v + (1-b2)(g^2 + eps1) with b2 = 1 - t^decay,
    /// u = g/sqrt(v) clipped by its RMS, step alpha = max(eps2, rms(theta)) * min(lr, 1/sqrt(t)).
    @Test func threeStepsOnAPoint() throws {
        let (lr, decay, eps1, eps2, clip) = (0.3, -0.6, 1e-20, 1e-2, 0.5)
        var p = [1.0, -0.5], v = [0.0, 0.0]
        var expected: [[Double]] = []
        for t in 1...3 {
            let g = twoD(p), b2 = 1 - pow(Double(t), decay)
            let rho = min(lr, 1 / Double(t).squareRoot())
            let alpha = max(eps2, ((p[0] * p[0] + p[1] * p[1]) / 2).squareRoot()) * rho
            var u = [0.0, 0.0]
            for i in 0..<2 {
                v[i] = b2 * v[i] + (1 - b2) * (g[i] * g[i] + eps1)
                u[i] = g[i] / v[i].squareRoot()
            }
            let scale = max(1, ((u[0] * u[0] + u[1] * u[1]) / 2).squareRoot() / clip)
            p = [p[0] - alpha * u[0] / scale, p[1] - alpha * u[1] / scale]
            expected.append(p)
        }
        let rule = Adafactor().with(\.beta2Decay, decay).with(\.epsilon1, eps1).with(\.epsilon2, eps2).with(\.clipThreshold, clip)
        #expect(close(try steps(OptimizerConfiguration(OptimizerRule(rule), learningRate: .constant(lr)), from: [1, -0.5], steps: 3,
                            gradient: twoD), expected, tolerance: 1e-14))
    }

    /// A 2×3 matrix keeps row and column averages: v_ij = r_i / mean(r) * c_j.
    @Test func aMatrixIsFactored() throws {
        let g: [Double] = [1, 2, 3, -1, 0.5, 2]
        let theta: [Double] = [0.5, -0.2, 0.1, 0.3, 0.4, -0.6]
        let variable = try OptimizerVariable(name: "kernel", shape: [2, 3], range: 0..<6)
        let optimizer = try Optimizer<Double>(OptimizerConfiguration(OptimizerRule(Adafactor()), learningRate: 0.1), variables: [variable])
        var p = theta
        try optimizer.update(parameters: &p, gradients: g)
        // t = 1: b2 = 0, so r = row means of g^2 + eps1, c = column means.
        let q = g.map { $0 * $0 + 1e-30 }
        let r = [(q[0] + q[1] + q[2]) / 3, (q[3] + q[4] + q[5]) / 3], c = [(q[0] + q[3]) / 2, (q[1] + q[4]) / 2, (q[2] + q[5]) / 2]
        let rMean = (r[0] + r[1]) / 2
        let u = (0..<6).map { g[$0] / (r[$0 / 3] / rMean * c[$0 % 3]).squareRoot() }
        let scale = max(1, (u.map { $0 * $0 }.reduce(0, +) / 6).squareRoot())
        let alpha = max(1e-3, (theta.map { $0 * $0 }.reduce(0, +) / 6).squareRoot()) * 0.1
        let expected = (0..<6).map { theta[$0] - alpha * u[$0] / scale }
        #expect(close([p], [expected], tolerance: 1e-14))
        #expect(optimizer.state.slots.map(\.count) == [2, 3, 6])
    }
}

@Suite struct AdafactorUnderflowTests {
    /// Keras 3.15 in float32, checked with Keras itself: a 2×2 kernel whose first row and first
    /// column have zero gradient gets v_00 = (1e-30 / 2.5e-7) * 1e-30, which underflows to 0, so
    /// 0/sqrt(0) is NaN — and NaN spreads over the whole variable through the clipping.
    @Test func aDeadRowAndColumnTurnTheKernelNaNAsInKeras() throws {
        let kernel = try OptimizerVariable(name: "kernel", shape: [2, 2], range: 0..<4)
        let optimizer = try Optimizer<Float>(OptimizerConfiguration(OptimizerRule(Adafactor())), variables: [kernel])
        var p: [Float] = [0.5, -0.2, 0.1, 0.3]
        try optimizer.update(parameters: &p, gradients: [0, 0, 0, 1e-3])
        #expect(p.allSatisfy { $0.isNaN })
        // In float64 the same v is 4e-54, no underflow: every value stays finite.
        let double = try Optimizer<Double>(OptimizerConfiguration(OptimizerRule(Adafactor())), variables: [kernel])
        var q: [Double] = [0.5, -0.2, 0.1, 0.3]
        try double.update(parameters: &q, gradients: [0, 0, 0, 1e-3])
        #expect(q.allSatisfy { $0.isFinite })
    }
}
