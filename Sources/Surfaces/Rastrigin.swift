import Foundation

/// Rastrigin's function in 2D: `20 + Σ (v^2 - 10 cos(2πv))`. A bowl covered in local
/// minima; the global minimum 0 is at the origin.
public struct Rastrigin: Surface {
    /// Rastrigin's function.
    public init() {}
    public let name = "rastrigin"
    public let displayName = "Rastrigin"
    public let window = Window(x: -5.12...5.12, y: -5.12...5.12)
    public let minima = [Point(0, 0)]
    public let colorScale = ColorScale.linear

    public func value(at p: Point) -> Double {
        20 + p.x * p.x - 10 * cos(2 * .pi * p.x) + p.y * p.y - 10 * cos(2 * .pi * p.y)
    }

    public func gradient(at p: Point) -> Point {
        Point(2 * p.x + 20 * .pi * sin(2 * .pi * p.x), 2 * p.y + 20 * .pi * sin(2 * .pi * p.y))
    }
}
