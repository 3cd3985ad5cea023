import FashionMNIST
import Foundation

/// The eigenvalue of largest magnitude of a symmetric operator given only by its products (a
/// Hessian through `MLP.hessianVectorProduct(_:labels:rows:into:)`), by power
/// iteration from a seeded random start: `v ← Av / |Av|` until the Rayleigh quotient `vᵀAv`
/// changes by less than `tolerance` of itself between two iterations.
public enum PowerIteration {
    /// What the iteration found.
    public struct Result: Sendable {
        /// The Rayleigh quotient at the end: the eigenvalue, within the tolerance.
        public let value: Double
        /// Its unit eigenvector.
        public let vector: [Float]
        /// Products taken.
        public let iterations: Int
        /// Whether the quotient settled within the tolerance before the iteration limit.
        public let converged: Bool
    }

    /// Iterates `product` on vectors of `count` components.
    public static func top(count: Int, tolerance: Double = 1e-3, maxIterations: Int = 100, seed: UInt64 = 1,
                           _ product: ([Float]) throws -> [Float]) rethrows -> Result {
        var rng = RandomSource(seed: seed)
        var v = normalized((0..<count).map { _ in Float.random(in: -1...1, using: &rng) })
        var value = Double.nan
        for iteration in 1...maxIterations {
            let av = try product(v)
            let quotient = zip(v, av).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let settled = abs(quotient - value) <= tolerance * abs(quotient)
            value = quotient
            v = normalized(av)
            if settled { return Result(value: value, vector: v, iterations: iteration, converged: true) }
        }
        return Result(value: value, vector: v, iterations: maxIterations, converged: false)
    }

    /// The `k` eigenvalues of largest magnitude and their vectors, each found by ``top(count:tolerance:maxIterations:seed:_:)``
    /// on the operator with the ones before it deflated away (`A - Σ λᵢ vᵢ vᵢᵀ`).
    public static func top(_ k: Int, count: Int, tolerance: Double = 1e-3, maxIterations: Int = 100, seed: UInt64 = 1,
                           _ product: ([Float]) throws -> [Float]) rethrows -> [Result] {
        var found: [Result] = []
        for i in 0..<k {
            let deflated = found
            found.append(try top(count: count, tolerance: tolerance, maxIterations: maxIterations, seed: seed &+ UInt64(i)) { v in
                var av = try product(v)
                for pair in deflated {
                    let along = pair.value * zip(pair.vector, v).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                    for j in av.indices { av[j] -= Float(along * Double(pair.vector[j])) }
                }
                return av
            })
        }
        return found
    }

    /// `x / |x|`, the norm in Double.
    static func normalized(_ x: [Float]) -> [Float] {
        let norm = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return norm > 0 ? x.map { Float(Double($0) / norm) } : x
    }
}
