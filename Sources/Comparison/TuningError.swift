/// A tuning job that cannot go on, as one line.
public struct TuningError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The error that says `description`.
    public init(_ description: String) { self.description = description }
}
