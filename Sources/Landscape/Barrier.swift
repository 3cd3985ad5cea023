import FashionMNIST
import Foundation

/// The loss barrier between two weight sets (Garipov et al. 2018, Draxler et al. 2018): the loss
/// on the straight line between them, and how far its highest point rises above the mean of its
/// ends — before and after the second set's hidden units are aligned to the first's
/// (``WeightMatching``), which for an MLP removes most of it (Ainsworth et al. 2023).
public struct Barrier: Sendable {
    /// The line's points, from 0 (the first set) to 1 (the second).
    public let positions: [Double]
    /// The loss at each point.
    public let losses: [Double]

    /// The highest loss on the line above the mean of its ends (0 when the line is convex).
    public var height: Double { max(0, (losses.max() ?? .nan) - (losses.first! + losses.last!) / 2) }

    /// The loss at `points` evenly spaced points (ends included) of the line from `a` to `b`.
    public init(from a: [Float], to b: [Float], points: Int, probe: LossProbe) {
        precondition(points >= 2 && a.count == b.count)
        positions = (0..<points).map { Double($0) / Double(points - 1) }
        var weights = [Float](repeating: 0, count: a.count)
        losses = positions.map { t in
            for i in weights.indices { weights[i] = Float((1 - t) * Double(a[i]) + t * Double(b[i])) }
            return weights.withUnsafeBufferPointer { probe.evaluate($0).loss }
        }
    }

    /// The barrier from `a` to `b`, and from `a` to `b` with its hidden units aligned to `a`'s;
    /// `moved` counts the hidden units the alignment put in another place.
    public static func beforeAndAfterAlignment(_ a: [Float], _ b: [Float], sizes: [Int], points: Int,
                                               probe: LossProbe) -> (before: Barrier, after: Barrier, moved: Int) {
        let permutations = WeightMatching.permutations(aligning: b, to: a, sizes: sizes)
        let aligned = WeightMatching.permute(b, sizes: sizes, by: permutations)
        let moved = permutations.reduce(0) { count, p in count + p.indices.filter { p[$0] != $0 }.count }
        return (Barrier(from: a, to: b, points: points, probe: probe), Barrier(from: a, to: aligned, points: points, probe: probe), moved)
    }
}
