/// Contour lines of a grid by marching squares.
public enum Contours {
    /// Line segments (in data coordinates) where the grid crosses `level`.
    public static func segments(_ grid: ScalarGrid, level: Double) -> [((Double, Double), (Double, Double))] {
        var out: [((Double, Double), (Double, Double))] = []
        for r in 0..<grid.rows - 1 {
            for c in 0..<grid.columns - 1 {
                // Corners clockwise from top-left, with their grid positions.
                let corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c)]
                let v = corners.map { grid[$0.0, $0.1] }
                guard v.allSatisfy(\.isFinite) else { continue }
                var crossings: [(Double, Double)] = []
                for e in 0..<4 {
                    let a = v[e], b = v[(e + 1) % 4]
                    guard (a < level) != (b < level) else { continue }
                    let t = (level - a) / (b - a)
                    let p = corners[e], q = corners[(e + 1) % 4]
                    crossings.append(grid.point(row: Double(p.0) + t * Double(q.0 - p.0), column: Double(p.1) + t * Double(q.1 - p.1)))
                }
                // Two crossings: one segment; four (a saddle cell): pair them in order around the cell.
                for k in stride(from: 0, to: crossings.count - 1, by: 2) {
                    out.append((crossings[k], crossings[k + 1]))
                }
            }
        }
        return out
    }
}
