/// A problem with a scene or its inputs, as one line for the terminal.
public struct SceneError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
