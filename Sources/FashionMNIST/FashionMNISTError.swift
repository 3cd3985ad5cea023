/// A problem with the data, a checkpoint or a training setting, as one line that says how to fix it.
public struct FashionMNISTError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, in one line.
    public let description: String
    /// The error `description`.
    public init(_ description: String) { self.description = description }
}
