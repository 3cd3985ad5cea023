import Foundation
import Testing
@testable import Landscape

/// The Lanczos iteration and Hutchinson's trace on matrices whose spectrum is known:
/// Q diag(λ) Qᵀ with Q a Householder reflection.
@Suite struct LanczosTests {
    static let eigenvalues: [Double] = [5, 3, -1, 0.5, 0.2]

    /// `Q diag(d) Qᵀ` for `Q = I - c uuᵀ` (c = 2/uᵀu), written out:
    /// `d_i δ_ij - c u_i u_j (d_i + d_j) + c² u_i u_j Σ u_k² d_k`; and Q's columns (the eigenvectors).
    static func matrix(_ d: [Double]) -> (a: [[Double]], q: [[Double]]) {
        let n = d.count, u = (0..<n).map { Double($0 % 7 + 1) }, c = 2 / u.reduce(0) { $0 + $1 * $1 }
        let q = (0..<n).map { i in (0..<n).map { j in (i == j ? 1 : 0) - c * u[i] * u[j] } }
        let s = zip(u, d).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
        return ((0..<n).map { i in (0..<n).map { j in (i == j ? d[i] : 0) - c * u[i] * u[j] * (d[i] + d[j]) + c * c * u[i] * u[j] * s } }, q)
    }

    static func product(_ a: [[Double]]) -> ([Float]) -> [Float] {
        { v in a.indices.map { i in Float(a[i].indices.reduce(0) { $0 + a[i][$1] * Double(v[$1]) }) } }
    }

    @Test func findsTheLargestEigenvalueAndItsVector() throws {
        let (a, q) = Self.matrix(Self.eigenvalues)
        let result = try Lanczos.top(count: a.count, tolerance: 1e-6, Self.product(a))
        #expect(result.converged && abs(result.values[0] - 5) < 1e-5, "\(result.values) after \(result.iterations)")
        let first = q.map { $0[0] }
        #expect(abs(zip(first, result.vectors[0]).reduce(0) { $0 + $1.0 * Double($1.1) }) > 0.9999, "Q's first column, up to sign")
    }

    /// The k largest come out largest first — with the negative one of larger magnitude than
    /// some left out — on a spectrum of 300 values, two of the top five 1 % apart, in far fewer
    /// products than the matrix's size; stopped short of its tolerance, it says so.
    @Test func findsTheTopFiveInOrderOnALargerSpectrum() throws {
        var values = (0..<300).map { 1 + Double($0 % 97) / 100 }
        values[..<6] = [10, 9, 8.08, 8, -7, 6]
        let (a, _) = Self.matrix(values)
        let result = try Lanczos.top(5, count: a.count, tolerance: 1e-6, maxIterations: 200, Self.product(a))
        #expect(result.converged && result.iterations < 120, "\(result.iterations) products")
        #expect(zip(result.values, [10, 9, 8.08, 8, 6]).allSatisfy { abs($0 - $1) < 1e-4 }, "\(result.values)")
        for i in 0..<5 {
            for j in 0..<i { #expect(abs(Lanczos.dot(result.vectors[i], result.vectors[j])) < 1e-3, "orthogonal vectors \(i), \(j)") }
        }
        let short = try Lanczos.top(5, count: a.count, tolerance: 1e-12, maxIterations: 6, Self.product(a))
        #expect(!short.converged && short.iterations == 6)
    }

    /// Hutchinson's estimate lands within three standard errors of the trace 7.7, and its error
    /// shrinks as the probes grow.
    @Test func hutchinsonsTraceIsUnbiased() {
        let (a, _) = Self.matrix(Self.eigenvalues), product = Self.product(a)
        let few = HutchinsonTrace.estimate(count: a.count, probes: 50, product), many = HutchinsonTrace.estimate(count: a.count, probes: 5000, product)
        #expect(abs(many.trace - 7.7) < 3 * many.standardError && many.standardError < few.standardError / 5, "\(few) \(many)")
    }
}
