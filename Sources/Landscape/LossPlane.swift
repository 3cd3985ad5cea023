import Dispatch
import FashionMNIST
import Foundation

/// A plane through weight space: the shared initial weights and two orthonormal directions
/// (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"). Directions are kept in
/// Double, so a point of the plane is its weights to Float rounding.
public struct LossPlane: Sendable {
    /// The plane's origin: the initial weights every optimizer started from.
    public let origin: [Float]
    /// The directions: orthonormal, but for ``filterNormalised(around:sizes:seed:)``'s.
    public let first: [Double], second: [Double]
    /// Each direction's share of the snapshots' squared displacement (the PCA plane), else nil.
    public let explained: (Double, Double)?
    /// What each direction is, for the axis titles.
    public let names: (String, String)

    /// The plane of the first two principal directions of `displacements` (each a snapshot's
    /// weights minus `origin`), without centring: the directions that hold most of the squared
    /// distance travelled from the origin. Throws when they span fewer than two dimensions.
    public static func principal(origin: [Float], snapshots: [[Float]]) throws -> LossPlane {
        let n = snapshots.count, count = origin.count
        // Gram matrix of the displacements, in Double, the pairs spread over the cores.
        let pairs = (0..<n).flatMap { i in (i..<n).map { (i, $0) } }
        nonisolated(unsafe) var gram = [Double](repeating: 0, count: n * n)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: pairs.count) { p in
            let (i, j) = pairs[p]
            var sum = 0.0
            snapshots[i].withUnsafeBufferPointer { a in
                snapshots[j].withUnsafeBufferPointer { b in
                    origin.withUnsafeBufferPointer { o in
                        for k in 0..<count { sum += Double(a[k] - o[k]) * Double(b[k] - o[k]) }
                    }
                }
            }
            lock.withLock {
                gram[i * n + j] = sum
                gram[j * n + i] = sum
            }
        }
        let (values, vectors) = try SymmetricEigen.solve(gram, n: n)
        let total = values.reduce(0, +)
        guard n >= 2, values[0] > 0, values[1] > 1e-12 * values[0] else {
            throw LandscapeError("the snapshots' displacements span fewer than two directions: nothing to project on a plane")
        }
        // Direction k: the displacements weighted by eigenvector k, scaled to unit length.
        func direction(_ k: Int) -> [Double] {
            var d = [Double](repeating: 0, count: count)
            for i in 0..<n {
                let weight = vectors[k][i]
                for j in 0..<count { d[j] += weight * Double(snapshots[i][j] - origin[j]) }
            }
            return d
        }
        guard var (first, second) = orthonormal(direction(0), direction(1)) else {
            throw LandscapeError("the snapshots' displacements span fewer than two directions: nothing to project on a plane")
        }
        // A sign that puts the last snapshot on the positive side of each axis.
        let last = snapshots[n - 1]
        if dot(first, last, origin) < 0 { first = first.map { -$0 } }
        if dot(second, last, origin) < 0 { second = second.map { -$0 } }
        return LossPlane(origin: origin, first: first, second: second, explained: (values[0] / total, values[1] / total),
                         names: ("first principal direction", "second principal direction"))
    }

    /// The plane exactly through `origin`, `a` and `b` (two optimizers' final weights), with
    /// the first direction toward `a`.
    public static func through(origin: [Float], _ a: [Float], _ b: [Float], names: (String, String)) throws -> LossPlane {
        let da = zip(a, origin).map { Double($0) - Double($1) }, db = zip(b, origin).map { Double($0) - Double($1) }
        guard let (first, second) = orthonormal(da, db) else {
            throw LandscapeError("the two final weight sets and the initial weights lie on one line: they span no plane")
        }
        return LossPlane(origin: origin, first: first, second: second, explained: nil, names: names)
    }

    /// Where `weights` project on the plane, and their distance from it.
    public func project(_ weights: [Float]) -> (a: Double, b: Double, distance: Double) {
        var a = 0.0, b = 0.0, squared = 0.0
        for k in origin.indices {
            let d = Double(weights[k]) - Double(origin[k])
            a += d * first[k]
            b += d * second[k]
            squared += d * d
        }
        return (a, b, max(squared - a * a - b * b, 0).squareRoot())
    }

    /// The weights at plane coordinates (a, b), written into `out`.
    public func weights(a: Double, b: Double, into out: UnsafeMutableBufferPointer<Float>) {
        for k in origin.indices { out[k] = Float(Double(origin[k]) + a * first[k] + b * second[k]) }
    }

    /// `d · (w - origin)`.
    static func dot(_ d: [Double], _ w: [Float], _ origin: [Float]) -> Double {
        var sum = 0.0
        for k in d.indices { sum += d[k] * (Double(w[k]) - Double(origin[k])) }
        return sum
    }

    /// Gram–Schmidt: `u` normalised, and `v` without its part along `u`, normalised; nil when
    /// the two are (to rounding) on one line.
    static func orthonormal(_ u: [Double], _ v: [Double]) -> ([Double], [Double])? {
        let nu = u.reduce(0) { $0 + $1 * $1 }.squareRoot(), nv = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard nu > 0, nv > 0 else { return nil }
        let e1 = u.map { $0 / nu }, along = zip(v, e1).reduce(0) { $0 + $1.0 * $1.1 }
        let rest = zip(v, e1).map { $0 - along * $1 }
        let nr = rest.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard nr > 1e-9 * nv else { return nil }
        return (e1, rest.map { $0 / nr })
    }
}

extension LossPlane {
    /// The plane around `center` of two random directions normalised filter by filter (Li et
    /// al.'s filter normalisation): in each dense layer of a `sizes` network, a unit's incoming
    /// weights in a direction (one column of the kernel) have the norm they have in `center`;
    /// biases are left out (0). Coordinates (a, b) in [-1, 1] then compare sharpness across
    /// networks whose weights differ in scale. The directions are neither unit nor orthogonal,
    /// so ``project(_:)`` does not apply to this plane.
    public static func filterNormalised(around center: [Float], sizes: [Int], seed: UInt64) -> LossPlane {
        var rng = RandomSource(seed: seed)
        func direction() -> [Double] {
            var d = [Double](repeating: 0, count: center.count), offset = 0
            for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
                for unit in 0..<outputs {
                    let column = (0..<inputs).map { offset + $0 * outputs + unit }
                    let draws = column.map { _ in gaussian(&rng) }
                    let drawn = draws.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    let own = column.reduce(0.0) { $0 + Double(center[$1]) * Double(center[$1]) }.squareRoot()
                    for (k, index) in column.enumerated() { d[index] = draws[k] / drawn * own }
                }
                offset += inputs * outputs + outputs
            }
            return d
        }
        return LossPlane(origin: center, first: direction(), second: direction(), explained: nil,
                         names: ("random filter-normalised direction 1", "random filter-normalised direction 2"))
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(_ rng: inout RandomSource) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
