/// A point of the plane.
public struct Point: Hashable, Sendable, Codable {
    /// The first coordinate.
    public var x: Double
    /// The second coordinate.
    public var y: Double
    /// The point (`x`, `y`).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
    /// Whether both coordinates are finite.
    public var isFinite: Bool { x.isFinite && y.isFinite }
    /// The straight-line distance to `other`.
    public func distance(to other: Point) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
}

/// The rectangle a surface is shown in.
public struct Window: Hashable, Sendable, Codable {
    /// The range of `x` shown.
    public var x: ClosedRange<Double>
    /// The range of `y` shown.
    public var y: ClosedRange<Double>
    /// The window `x` by `y`.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.x = x
        self.y = y
    }
    /// Whether `p` lies inside, edges included.
    public func contains(_ p: Point) -> Bool { x.contains(p.x) && y.contains(p.y) }
}

/// How a surface's values are best mapped to colours.
public enum ColorScale: String, Sendable, Codable {
    /// Levels spaced evenly in `log(1 + f - fmin)`: for surfaces spanning many decades.
    case log
    /// Levels spaced evenly in `f`.
    case linear
}

/// An analytic loss surface `f(x, y)` with its exact gradient.
///
/// Add your own by conforming a type:
/// ```swift
/// struct Bowl: Surface {
///     let name = "bowl", displayName = "Bowl"
///     let window = Window(x: -2...2, y: -2...2)
///     let minima = [Point(0, 0)]
///     let colorScale = ColorScale.linear
///     func value(at p: Point) -> Double { p.x * p.x + p.y * p.y }
///     func gradient(at p: Point) -> Point { Point(2 * p.x, 2 * p.y) }
/// }
/// ```
public protocol Surface: Sendable {
    /// Short stable name used on command lines and in scene files.
    var name: String { get }
    /// Name shown in titles.
    var displayName: String { get }
    /// The default view.
    var window: Window { get }
    /// The global minima (empty when unbounded below, like the saddle).
    var minima: [Point] { get }
    /// Suggested colour scale.
    var colorScale: ColorScale { get }
    /// The function's value at `p`.
    func value(at p: Point) -> Double
    /// `(df/dx, df/dy)`, exact.
    func gradient(at p: Point) -> Point
}
