import FashionMNIST
import Foundation

/// The Hessian of the mean cross-entropy over a probe's images at one weight set, as products
/// (`MLP.hessianVectorProduct(_:labels:rows:into:)`, exact to float rounding), and its
/// preconditioned form: with `D = diag(P⁻¹)`, `D^½ H D^½` has the eigenvalues of `P⁻¹H` and is
/// symmetric, so the Lanczos iteration and Hutchinson's estimator apply to it as they are.
/// The probe's network holds these weights, and the forward pass and errors at them, until the
/// probe is used for anything else: each product then costs only its R-passes.
public struct HessianOperator {
    let probe: LossProbe
    /// The loss and accuracy at the weights, over the probe's images.
    public let loss: Double, accuracy: Double

    /// The operator at `weights`, which it loads into the probe's network with their forward pass and errors.
    public init(_ probe: LossProbe, at weights: [Float]) {
        self.probe = probe
        let network = probe.network, rows = probe.rows
        _ = network.parameters.update(fromContentsOf: weights)
        let score = probe.labels.withUnsafeBufferPointer { network.prepareHessianProducts(labels: $0, rows: rows) }
        (loss, accuracy) = (score.lossSum / Double(rows), Double(score.correct) / Double(rows))
    }

    /// The number of parameters (the vectors' length).
    public var count: Int { probe.network.parameterCount }

    /// `H·v`.
    public func product(_ v: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: v.count)
        let network = probe.network, rows = probe.rows
        v.withUnsafeBufferPointer { v in out.withUnsafeMutableBufferPointer { network.preparedHessianVectorProduct(v, rows: rows, into: $0) } }
        return out
    }

    /// `v ↦ D^½ H D^½ v` for `D` the diagonal `inverse` (each entry > 0).
    public func preconditioned(by inverse: [Float]) -> ([Float]) -> [Float] {
        let root = inverse.map { $0.squareRoot() }
        return { v in
            var scaled = v
            for i in scaled.indices { scaled[i] *= root[i] }
            var out = product(scaled)
            for i in out.indices { out[i] *= root[i] }
            return out
        }
    }
}
