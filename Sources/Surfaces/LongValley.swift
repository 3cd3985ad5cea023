/// A long narrow valley: `x^2/20 + 5y^2`, curvature 100 times steeper across (y) than
/// along (x). Minimum 0 at the origin. SGD zig-zags across it; momentum runs along it.
public struct LongValley: Surface {
    /// The long valley.
    public init() {}
    public let name = "valley"
    public let displayName = "Long valley"
    public let window = Window(x: -10...10, y: -3...3)
    public let minima = [Point(0, 0)]
    public let colorScale = ColorScale.log

    public func value(at p: Point) -> Double { p.x * p.x / 20 + 5 * p.y * p.y }
    public func gradient(at p: Point) -> Point { Point(p.x / 10, 10 * p.y) }
}
