/// A surface typed as a formula in `x` and `y`, e.g. `x^2/20 + 5*y^2`, with its exact gradient
/// by forward-mode differentiation.
///
/// Syntax: numbers (`2`, `0.5`, `1e-3`), `x`, `y`, `pi`, `e`, `+ - * / ^` (`^` binds tightest
/// and to the right; `-x^2` is `-(x^2)`), parentheses, and the functions `sin cos tan exp log
/// sqrt abs tanh sinh cosh atan` and the two-argument `min max`.
/// ```swift
/// let valley = try FormulaSurface("x^2/20 + 5*y^2", minima: [Point(0, 0)], around: Point(-9, 1.5))
/// valley.gradient(at: Point(-9, 1.5))  // (-0.9, 15)
/// ```
public struct FormulaSurface: Surface {
    /// The formula as typed.
    public let formula: String
    public let name = "formula"
    public var displayName: String { formula }
    public let window: Window
    public let minima: [Point]
    public let colorScale: ColorScale
    let program: FormulaProgram

    /// Parses and compiles `formula`. Without a `window`, the view is a square around the
    /// origin that holds the start point `around` and the minima with room to spare. Throws a
    /// ``FormulaError`` for a formula that does not parse, or that is not finite at `around`.
    public init(_ formula: String, window: Window? = nil, minima: [Point] = [], around start: Point? = nil) throws {
        self.formula = formula
        let program = FormulaProgram(try FormulaParser.parse(formula))
        self.program = program
        self.minima = minima
        if let start {
            let value = program.value(x: start.x, y: start.y)
            guard value.isFinite else {
                throw FormulaError(column: nil, "the value at the start point (\(start.x), \(start.y)) is \(value.isNaN ? "nan" : "\(value)"), not a finite number")
            }
        }
        let reach = ([start].compactMap { $0 } + minima).map { max(abs($0.x), abs($0.y)) }.max() ?? 0
        let half = max(2, 1.5 * reach)
        let window = window ?? Window(x: -half...half, y: -half...half)
        self.window = window
        // A formula that spans several decades over its window is shown on log-spaced levels.
        let corners = [window.x.lowerBound, window.x.upperBound].flatMap { x in
            [window.y.lowerBound, window.y.upperBound].map { program.value(x: x, y: $0) }
        }
        let low = minima.map { program.value(x: $0.x, y: $0.y) }.min() ?? corners.min()!
        colorScale = (corners.max()! - low) > 100 ? .log : .linear
    }

    public func value(at p: Point) -> Double { program.value(x: p.x, y: p.y) }

    public func gradient(at p: Point) -> Point {
        let d = program.dual(x: p.x, y: p.y)
        return Point(d.dx, d.dy)
    }
}
