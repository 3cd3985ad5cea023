/// Rosenbrock's banana: `(a - x)^2 + b(y - x^2)^2` with a = 1, b = 100. Minimum 0 at (1, 1).
public struct Rosenbrock: Surface {
    /// Rosenbrock's function.
    public init() {}
    public let name = "rosenbrock"
    public let displayName = "Rosenbrock"
    public let window = Window(x: -2...2, y: -1...3)
    public let minima = [Point(1, 1)]
    public let colorScale = ColorScale.log

    public func value(at p: Point) -> Double {
        let u = 1 - p.x, w = p.y - p.x * p.x
        return u * u + 100 * w * w
    }

    public func gradient(at p: Point) -> Point {
        let w = p.y - p.x * p.x
        return Point(-2 * (1 - p.x) - 400 * p.x * w, 200 * w)
    }
}
