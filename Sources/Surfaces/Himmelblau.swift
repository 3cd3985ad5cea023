/// Himmelblau's function: `(x^2 + y - 11)^2 + (x + y^2 - 7)^2`, four minima of value 0.
public struct Himmelblau: Surface {
    /// Himmelblau's function.
    public init() {}
    public let name = "himmelblau"
    public let displayName = "Himmelblau"
    public let window = Window(x: -5...5, y: -5...5)
    public let minima = [
        Point(3, 2),
        Point(-2.805118086952745, 3.131312518250573),
        Point(-3.779310253377747, -3.283185991286170),
        Point(3.584428340330492, -1.848126526964404),
    ]
    public let colorScale = ColorScale.log

    public func value(at p: Point) -> Double {
        let a = p.x * p.x + p.y - 11, b = p.x + p.y * p.y - 7
        return a * a + b * b
    }

    public func gradient(at p: Point) -> Point {
        let a = p.x * p.x + p.y - 11, b = p.x + p.y * p.y - 7
        return Point(4 * p.x * a + 2 * b, 2 * a + 4 * p.y * b)
    }
}
