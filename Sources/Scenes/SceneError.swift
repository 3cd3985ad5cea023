/// A problem with a scene or its inputs, as one line for the terminal.
public struct SceneError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, in one line.
    public let description: String
    /// The error `description`.
    public init(_ description: String) { self.description = description }
}
