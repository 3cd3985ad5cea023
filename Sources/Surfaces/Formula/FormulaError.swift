/// A formula that cannot be used, as one line: `formula: column 7: expected ')'`.
public struct FormulaError: Error, CustomStringConvertible, Equatable {
    /// 1-based column of the problem, when it has one.
    public let column: Int?
    /// What is wrong.
    public let message: String

    /// An error at `column` (1-based; nil for the whole formula).
    public init(column: Int?, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String {
        column.map { "formula: column \($0): \(message)" } ?? "formula: \(message)"
    }
}
