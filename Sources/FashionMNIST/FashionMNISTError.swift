/// A problem with the data, a checkpoint or a training setting, as one line that says how to fix it.
public struct FashionMNISTError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
