/// A problem with the Fashion-MNIST files, as one line that says how to fix it.
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
