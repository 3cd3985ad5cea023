import Foundation
import Testing
@testable import Landscape

/// Power iteration and Hutchinson's trace on a matrix whose spectrum is known:
/// Q diag(5, 3, -1, 0.5, 0.2) Qᵀ with Q a Householder reflection.
@Suite struct PowerIterationTests {
    static let eigenvalues: [Double] = [5, 3, -1, 0.5, 0.2]

    static var matrix: [[Double]] {
        let n = eigenvalues.count, u = (0..<n).map { Double($0 + 1) }, uu = u.reduce(0) { $0 + $1 * $1 }
        let q = (0..<n).map { i in (0..<n).map { j in (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu } }
        return (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + q[i][$1] * eigenvalues[$1] * q[j][$1] } } }
    }

    @Test func findsTheTopEigenvalueWithinItsTolerance() {
        let a = Self.matrix, n = a.count
        let result = PowerIteration.top(count: n, tolerance: 1e-6, maxIterations: 500) { v in
            (0..<n).map { i in Float((0..<n).reduce(0) { $0 + a[i][$1] * Double(v[$1]) }) }
        }
        #expect(result.converged && abs(result.value - 5) < 1e-4, "\(result.value) after \(result.iterations)")
        // Its vector is Q's first column, up to sign.
        let u = (0..<n).map { Double($0 + 1) }, uu = u.reduce(0) { $0 + $1 * $1 }
        let first = (0..<n).map { i in (i == 0 ? 1 : 0) - 2 * u[i] * u[0] / uu }
        #expect(abs(zip(first, result.vector).reduce(0) { $0 + $1.0 * Double($1.1) }) > 0.999)
        // Stopped short of the tolerance, it says so.
        let short = PowerIteration.top(count: n, tolerance: 1e-12, maxIterations: 3) { v in
            (0..<n).map { i in Float((0..<n).reduce(0) { $0 + a[i][$1] * Double(v[$1]) }) }
        }
        #expect(!short.converged && short.iterations == 3)
    }

    /// Deflation finds the next eigenvalues by magnitude: 5, 3, then -1.
    @Test func deflationFindsTheNextEigenvalues() {
        let a = Self.matrix, n = a.count
        let found = PowerIteration.top(3, count: n, tolerance: 1e-7, maxIterations: 2000) { v in
            (0..<n).map { i in Float((0..<n).reduce(0) { $0 + a[i][$1] * Double(v[$1]) }) }
        }
        #expect(zip(found.map(\.value), [5.0, 3, -1]).allSatisfy { abs($0 - $1) < 1e-3 }, "\(found.map(\.value))")
        #expect(abs(zip(found[0].vector, found[1].vector).reduce(0) { $0 + Double($1.0) * Double($1.1) }) < 1e-3, "orthogonal vectors")
    }

    /// Hutchinson's estimate lands within three standard errors of the trace 7.7, and its error
    /// shrinks as the probes grow.
    @Test func hutchinsonsTraceIsUnbiased() {
        let a = Self.matrix, n = a.count
        let product = { (v: [Float]) in (0..<n).map { i in Float((0..<n).reduce(0) { $0 + a[i][$1] * Double(v[$1]) }) } }
        let few = HutchinsonTrace.estimate(count: n, probes: 50, product), many = HutchinsonTrace.estimate(count: n, probes: 5000, product)
        #expect(abs(many.trace - 7.7) < 3 * many.standardError && many.standardError < few.standardError / 5, "\(few) \(many)")
    }
}
