/// The saddle `x^2 - y^2`: a minimum along x, a maximum along y, no minimum at all.
/// A start on the ridge y ≈ 0 shows who escapes the saddle point first.
public struct Saddle: Surface {
    /// The saddle `x² − y²`.
    public init() {}
    public let name = "saddle"
    public let displayName = "Saddle"
    public let window = Window(x: -1.5...1.5, y: -1.5...1.5)
    public let minima: [Point] = []
    public let colorScale = ColorScale.linear

    public func value(at p: Point) -> Double { p.x * p.x - p.y * p.y }
    public func gradient(at p: Point) -> Point { Point(2 * p.x, -2 * p.y) }
}
