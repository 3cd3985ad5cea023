import Foundation
import Testing
@testable import Optimizers

@Suite struct MuonTests {
    /// On a 2D point Muon is AdamW: Adam's step at lr * adam_lr_ratio with the adam betas, after
    /// a decay by adam_weight_decay * lr.
    @Test func aPointTakesAdamWSteps() throws {
        var values = Muon.defaultValues
        values["adam_lr_ratio"] = 0.5
        values["adam_beta_1"] = 0.8
        values["adam_weight_decay"] = 0.1
        let muon = try OptimizerRule.entry(named: "muon")!.rule(values)
        let lr = 0.2
        var x = 1.0, m = 0.0, v = 0.0
        var expected: [[Double]] = []
        for t in 1...3 {
            let g = 2 * x
            x -= x * 0.1 * lr
            m += (g - m) * (1 - 0.8)
            v += (g * g - v) * (1 - 0.999)
            let alpha = lr * 0.5 * (1 - pow(0.999, Double(t))).squareRoot() / (1 - pow(0.8, Double(t)))
            x -= m * alpha / (v.squareRoot() + 1e-7)
            expected.append([x])
        }
        #expect(close(try steps(OptimizerConfiguration(muon, learningRate: .constant(lr)), from: [1], gradient: oneD), expected,
                      tolerance: 1e-14))
    }

    /// A 2×2 kernel: momentum, then Newton–Schulz on the Nesterov direction, scaled by
    /// sqrt(max(rows, columns)) * rms_rate.
    @Test func aMatrixIsOrthogonalised() throws {
        let g: [Double] = [0.3, -0.1, 0.2, 0.4], theta: [Double] = [1, 0, 0, 1]
        // m = g (first step), u = g + 0.95 m = 1.95 g; X = u / (|u| + 1e-7); five quintic steps.
        var x = g.map { 1.95 * $0 }
        let norm = x.map { $0 * $0 }.reduce(0, +).squareRoot()
        x = x.map { $0 / (norm + 1e-7) }
        func product(_ a: [Double], _ b: [Double]) -> [Double] {
            [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]]
        }
        for _ in 0..<5 {
            let a = product(x, [x[0], x[2], x[1], x[3]])
            let aa = product(a, a)
            let b = (0..<4).map { -4.7750 * a[$0] + 2.0315 * aa[$0] }
            let bx = product(b, x)
            x = (0..<4).map { 3.4445 * x[$0] + bx[$0] }
        }
        // weight decay 0.004 * lr first (the kernel decays by the base weight_decay)
        let lr = 0.1, scale = lr * 2.0.squareRoot() * 0.2
        let expected = (0..<4).map { theta[$0] * (1 - 0.004 * lr) - scale * x[$0] }
        let kernel = try OptimizerVariable(name: "kernel", shape: [2, 2], range: 0..<4)
        let optimizer = try Optimizer<Double>(OptimizerConfiguration(OptimizerRule(Muon.defaults), learningRate: .constant(lr)), variables: [kernel])
        var p = theta
        try optimizer.update(parameters: &p, gradients: g)
        #expect(close([p], [expected], tolerance: 1e-12))
        // The orthogonalised direction's singular values sit near 1 (this quintic leaves them in
        // about 0.68...1.13), where the normalised direction's were 0.82 and 0.57.
        let gram = product(x, [x[0], x[2], x[1], x[3]])
        let half = (gram[0] + gram[3]) / 2, det = gram[0] * gram[3] - gram[1] * gram[2]
        let singular = [(half + (half * half - det).squareRoot()).squareRoot(), (half - (half * half - det).squareRoot()).squareRoot()]
        #expect(singular.allSatisfy { $0 > 0.6 && $0 < 1.2 }, "\(singular)")
    }
}
