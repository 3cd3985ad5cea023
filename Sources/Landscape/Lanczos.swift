import FashionMNIST
import Foundation

/// The largest eigenvalues of a symmetric operator given only by its products (a Hessian
/// through `MLP.hessianVectorProduct(_:labels:rows:into:)`), by the Lanczos iteration with
/// full reorthogonalisation from a seeded random start: each product extends an orthonormal
/// Krylov basis, the operator restricted to it is a small tridiagonal matrix (solved by LAPACK),
/// and its top eigenvalues (Ritz values) converge to the operator's far faster than power
/// iteration's, all of them at once. A Ritz value is settled when its residual `|A y − θ y|`,
/// read off the tridiagonal matrix for free, is at most `tolerance · |θ|` — a bound on its
/// distance to a true eigenvalue (the power iteration it replaces stopped when its estimate
/// changed little, which a slow climb also does: it ranked SGD's minimum's second and third
/// eigenvalues the wrong way round).
public enum Lanczos {
    /// The name curvature records give this solver: `lanczos`.
    public static let method = "lanczos"

    /// What the iteration found.
    public struct Result: Sendable {
        /// The `k` largest eigenvalues, largest first.
        public let values: [Double]
        /// Their unit eigenvectors (Ritz vectors), in the same order.
        public let vectors: [[Float]]
        /// Products taken.
        public let iterations: Int
        /// Whether every value settled within the tolerance before the iteration limit.
        public let converged: Bool
    }

    /// The `k` largest eigenvalues of `product` on vectors of `count` components.
    public static func top(_ k: Int = 1, count: Int, tolerance: Double = 1e-3, maxIterations: Int = 100, seed: UInt64 = 1,
                           _ product: ([Float]) throws -> [Float]) throws -> Result {
        precondition(k >= 1 && maxIterations >= 1 && count >= 1)
        var rng = RandomSource(seed: seed)
        var basis = [normalized((0..<count).map { _ in Float.random(in: -1...1, using: &rng) })]
        var alphas: [Double] = [], betas: [Double] = []
        while true {
            let j = basis.count - 1
            var w = try product(basis[j])
            alphas.append(dot(w, basis[j]))
            // Against every vector so far, twice (rounding in the first pass leaves a part behind).
            for _ in 0..<2 { for v in basis { subtract(dot(w, v), v, from: &w) } }
            let beta = dot(w, w).squareRoot()
            let (values, vectors) = try SymmetricEigen.solve(tridiagonal(alphas, betas), n: alphas.count)
            let top = Array(0..<min(k, values.count))
            let settled = top.count == k && top.allSatisfy { abs(beta * vectors[$0][j]) <= tolerance * abs(values[$0]) }
            // Done when settled, out of iterations, or when the basis holds an invariant subspace.
            if settled || basis.count == maxIterations || basis.count == count || beta <= 1e-12 * abs(values[0]) {
                let ritz = top.map { i in ritzVector(vectors[i], basis: basis) }
                return Result(values: top.map { values[$0] }, vectors: ritz, iterations: basis.count,
                              converged: settled || (top.count == k && beta <= 1e-12 * abs(values[0])))
            }
            betas.append(beta)
            basis.append(w.map { Float(Double($0) / beta) })
        }
    }

    /// The symmetric tridiagonal matrix of `alphas` on its diagonal and `betas` beside it, dense.
    static func tridiagonal(_ alphas: [Double], _ betas: [Double]) -> [Double] {
        let n = alphas.count
        var t = [Double](repeating: 0, count: n * n)
        for i in 0..<n { t[i * n + i] = alphas[i] }
        for (i, beta) in betas.enumerated() where i + 1 < n { (t[i * n + i + 1], t[(i + 1) * n + i]) = (beta, beta) }
        return t
    }

    /// `Σ y_i v_i`, normalised.
    static func ritzVector(_ y: [Double], basis: [[Float]]) -> [Float] {
        var sum = [Double](repeating: 0, count: basis[0].count)
        for (coefficient, v) in zip(y, basis) { for i in sum.indices { sum[i] += coefficient * Double(v[i]) } }
        return normalized(sum.map { Float($0) })
    }

    /// `x · y` in Double.
    static func dot(_ x: [Float], _ y: [Float]) -> Double {
        var sum = 0.0
        for i in x.indices { sum += Double(x[i]) * Double(y[i]) }
        return sum
    }

    /// `w -= c · v`.
    static func subtract(_ c: Double, _ v: [Float], from w: inout [Float]) {
        let c = Float(c)
        for i in w.indices { w[i] -= c * v[i] }
    }

    /// `x / |x|`, the norm in Double.
    static func normalized(_ x: [Float]) -> [Float] {
        let norm = dot(x, x).squareRoot()
        return norm > 0 ? x.map { Float(Double($0) / norm) } : x
    }
}
