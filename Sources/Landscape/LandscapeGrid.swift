import FashionMNIST
import Foundation

/// The loss and accuracy over a grid of points of a ``LossPlane``: `columns` values of the
/// first coordinate across `a`, `rows` of the second across `b`, row by row. A share of the
/// rows can be computed alone (one machine's part of a large grid) and the shares merged.
public struct LandscapeGrid: Codable, Sendable, Equatable {
    /// Points across (first coordinate) and down (second).
    public let columns: Int, rows: Int
    /// The ranges of the plane's coordinates the grid spans.
    public let a: ClosedRange<Double>, b: ClosedRange<Double>
    /// Row-major, nil where this share did not compute.
    public private(set) var loss: [Double?]
    /// Row-major, nil where this share did not compute.
    public private(set) var accuracy: [Double?]

    /// An empty grid of `columns` × `rows` points over `a` × `b`.
    public init(columns: Int, rows: Int, a: ClosedRange<Double>, b: ClosedRange<Double>) {
        self.columns = columns
        self.rows = rows
        self.a = a
        self.b = b
        loss = Array(repeating: nil, count: columns * rows)
        accuracy = loss
    }

    /// A grid over the bounding box of `points` (a, b), widened by a fifth of its span on every side.
    public init(columns: Int, rows: Int, window points: [(Double, Double)]) {
        func range(_ values: [Double]) -> ClosedRange<Double> {
            let low = values.min() ?? 0, high = values.max() ?? 0, pad = max(0.2 * (high - low), 1e-3)
            return (low - pad)...(high + pad)
        }
        self.init(columns: columns, rows: rows, a: range(points.map(\.0)), b: range(points.map(\.1)))
    }

    /// The first coordinate of column `i`, the second of row `j`.
    public func a(column i: Int) -> Double { a.lowerBound + (a.upperBound - a.lowerBound) * Double(i) / Double(max(columns - 1, 1)) }
    /// The second coordinate of row `j`.
    public func b(row j: Int) -> Double { b.lowerBound + (b.upperBound - b.lowerBound) * Double(j) / Double(max(rows - 1, 1)) }

    /// Rows `k`-th share of `n` holds: `k` counts from 1.
    public func rows(ofShare k: Int, of n: Int) -> Range<Int> { rows * (k - 1) / n..<rows * k / n }

    /// Evaluates every point of `rowRange` with `probe`; `progress(done, total)` after each point.
    public mutating func compute(rows rowRange: Range<Int>, on plane: LossPlane, with probe: LossProbe,
                                 progress: (Int, Int) -> Void = { _, _ in }) {
        let points = PlaneProbe(probe, plane: plane)
        let total = rowRange.count * columns
        var done = 0
        for j in rowRange {
            for i in 0..<columns {
                let score = points.evaluate(a: a(column: i), b: b(row: j))
                loss[j * columns + i] = score.loss
                accuracy[j * columns + i] = score.accuracy
                done += 1
                progress(done, total)
            }
        }
    }

    /// Whether every point has its values.
    public var isComplete: Bool { !loss.contains(nil) }

    /// This grid with the points `other` computed as well; throws when the two are not shares of one grid.
    public func merged(with other: LandscapeGrid) throws -> LandscapeGrid {
        guard (columns, rows, a, b) == (other.columns, other.rows, other.a, other.b) else {
            throw LandscapeError("the shares are of different grids (\(columns)x\(rows) over \(a), \(b) and \(other.columns)x\(other.rows) over \(other.a), \(other.b))")
        }
        var merged = self
        for k in loss.indices where other.loss[k] != nil {
            merged.loss[k] = other.loss[k]
            merged.accuracy[k] = other.accuracy[k]
        }
        return merged
    }
}
