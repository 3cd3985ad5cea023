/// Values sampled on a regular grid over a data rectangle: `values[row * columns + column]`,
/// row 0 at `y.upperBound` (the top of a plot), column 0 at `x.lowerBound`.
public struct ScalarGrid: Sendable {
    /// Points across and down.
    public let columns: Int, rows: Int
    /// The ranges the points span.
    public let x: ClosedRange<Double>, y: ClosedRange<Double>
    /// `values[row * columns + column]`, row 0 at `y`'s top.
    public let values: [Double]
    /// The finite range of the values (0...1 when none is finite), found once.
    public let range: ClosedRange<Double>

    /// A grid of `values` over `x` × `y`.
    public init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, values: [Double]) {
        precondition(columns >= 2 && rows >= 2 && values.count == columns * rows)
        self.columns = columns
        self.rows = rows
        self.x = x
        self.y = y
        self.values = values
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        range = hi > lo ? lo...hi : 0...1
    }

    /// Samples `f` at every grid node.
    public init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, _ f: (Double, Double) -> Double) {
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for r in 0..<rows {
            let py = y.upperBound - (y.upperBound - y.lowerBound) * Double(r) / Double(rows - 1)
            for c in 0..<columns {
                values.append(f(x.lowerBound + (x.upperBound - x.lowerBound) * Double(c) / Double(columns - 1), py))
            }
        }
        self.init(columns: columns, rows: rows, x: x, y: y, values: values)
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// The data point of a node.
    public func point(row: Double, column: Double) -> (x: Double, y: Double) {
        (x.lowerBound + (x.upperBound - x.lowerBound) * column / Double(columns - 1),
         y.upperBound - (y.upperBound - y.lowerBound) * row / Double(rows - 1))
    }

}
