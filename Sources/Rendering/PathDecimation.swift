/// Which steps of a long path are worth stroking. Once an optimizer has converged, or keeps
/// jittering around a minimum, thousands of its steps retrace the same few pixels; stroking
/// them all makes a frame's cost grow with the step count instead of with what is visible.
///
/// The plane is cut into cells of `tolerance` (e.g. a pixel). A step into the same cell
/// as the last kept point is dropped; a step across a cell boundary that the path has crossed
/// before is dropped too, since that stroke is already drawn; the pen then lifts and comes
/// down again where the path next crosses somewhere new. Every stroke drawn joins two real
/// points of the path, and every move of the path lies within a cell of a drawn stroke.
public enum PathDecimation {
    /// The indices `0..<count` to stroke, in order; `-(i + 1)` means "move to point i without
    /// drawing". The first and the last point are always there.
    public static func strokes(count: Int, tolerance: Double, position: (Int) -> SIMD3<Double>) -> [Int] {
        guard count > 0 else { return [] }
        func cell(_ i: Int) -> SIMD3<Int>? {
            let p = position(i) / tolerance
            // A point off the charts (not finite, or absurdly far) is its own move.
            guard p.x.magnitude < 1e15, p.y.magnitude < 1e15, p.z.magnitude < 1e15 else { return nil }
            return SIMD3(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)), Int(p.z.rounded(.down)))
        }
        struct Edge: Hashable { let a: SIMD3<Int>, b: SIMD3<Int> }
        var strokes = [0], drawn = Set<Edge>()
        var current = cell(0), penDown = true, lastIndex = 0
        for i in 1..<count {
            let next = cell(i)
            guard let from = current, let to = next else {
                strokes.append(i)
                (current, penDown, lastIndex) = (next, true, i)
                continue
            }
            if from == to { continue }
            let forward = from.x < to.x || (from.x == to.x && (from.y < to.y || (from.y == to.y && from.z < to.z)))
            if drawn.insert(forward ? Edge(a: from, b: to) : Edge(a: to, b: from)).inserted {
                if !penDown { strokes.append(-(lastIndex + 1)) }
                strokes.append(i)
                penDown = true
            } else {
                penDown = false
            }
            (current, lastIndex) = (to, i)
        }
        if index(strokes.last!) != count - 1 { strokes.append(penDown ? count - 1 : -count) }
        return strokes
    }

    /// The point index a stroke entry refers to.
    @inline(__always) static func index(_ entry: Int) -> Int { entry < 0 ? -entry - 1 : entry }
}
