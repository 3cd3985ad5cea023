/// A landscape that cannot be made from what it was given (missing or mismatched snapshots,
/// shares of other settings, an unwritable file), said in one line.
public struct LandscapeError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, in one line.
    public let description: String
    /// The error `description`.
    public init(_ description: String) { self.description = description }
}

/// A picture's size in pixels.
public struct PictureSize: Sendable, Equatable {
    /// Pixels across and down.
    public let width: Int, height: Int
    /// A `width` × `height` picture.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
