import FashionMNIST
import Foundation

/// The trace of a symmetric operator given only by its products, by Hutchinson's estimator
/// (PyHessian's): the mean of `vᵀAv` over random vectors `v` of ±1 entries, whose expectation is
/// the trace; the standard error of the mean says how far to trust it.
public enum HutchinsonTrace {
    /// The estimate over `probes` vectors and its standard error (0 for one probe).
    public static func estimate(count: Int, probes: Int, seed: UInt64 = 1,
                                _ product: ([Float]) throws -> [Float]) rethrows -> (trace: Double, standardError: Double) {
        precondition(probes > 0)
        var rng = RandomSource(seed: seed)
        var samples: [Double] = []
        for _ in 0..<probes {
            let v: [Float] = (0..<count).map { _ in Bool.random(using: &rng) ? 1 : -1 }
            samples.append(zip(v, try product(v)).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
        }
        let mean = samples.reduce(0, +) / Double(probes)
        guard probes > 1 else { return (mean, 0) }
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(probes - 1)
        return (mean, (variance / Double(probes)).squareRoot())
    }
}
