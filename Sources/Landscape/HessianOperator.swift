import FashionMNIST
import Foundation

/// The Hessian of the mean cross-entropy over a probe's images at one weight set, as products
/// (`MLP.hessianVectorProduct(_:labels:rows:into:)`, exact to float rounding), and its
/// preconditioned form: with `D = diag(P⁻¹)`, `D^½ H D^½` has the eigenvalues of `P⁻¹H` and is
/// symmetric, so the Lanczos iteration and Hutchinson's estimator apply to it as they are.
/// The probe's network holds these weights until the probe is used for other ones.
public struct HessianOperator {
    let probe: LossProbe
    /// The loss and accuracy at the weights, over the probe's images.
    public let loss: Double, accuracy: Double

    /// The operator at `weights`, which it loads into the probe's network.
    public init(_ probe: LossProbe, at weights: [Float]) {
        self.probe = probe
        (loss, accuracy) = weights.withUnsafeBufferPointer { probe.evaluate($0) }
    }

    /// The number of parameters (the vectors' length).
    public var count: Int { probe.network.parameterCount }

    /// `H·v`.
    public func product(_ v: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: v.count)
        let network = probe.network, rows = probe.rows
        v.withUnsafeBufferPointer { v in
            probe.labels.withUnsafeBufferPointer { labels in
                out.withUnsafeMutableBufferPointer { _ = network.hessianVectorProduct(v, labels: labels, rows: rows, into: $0) }
            }
        }
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
