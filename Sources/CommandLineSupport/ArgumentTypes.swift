import ArgumentParser

/// An image's `WIDTHxHEIGHT` in pixels, as `render --size` takes it.
public struct ImageSize: ExpressibleByArgument, Sendable {
    public let width: Int, height: Int

    public init?(argument: String) {
        guard let (width, height) = wholeNumberPair(argument) else { return nil }
        (self.width, self.height) = (width, height)
    }

    public var defaultValueDescription: String { "\(width)x\(height)" }
}

/// A grid, `COLUMNSxROWS`, as `basins --grid` and `landscape --grid` take it.
public struct Grid: ExpressibleByArgument, Sendable {
    public let columns: Int, rows: Int

    public init?(argument: String) {
        guard let (columns, rows) = wholeNumberPair(argument) else { return nil }
        (self.columns, self.rows) = (columns, rows)
    }

    public var defaultValueDescription: String { "\(columns)x\(rows)" }
}

/// `AxB` as two whole numbers (`800x600`, `200X150`), nil for anything else.
private func wholeNumberPair(_ text: String) -> (Int, Int)? {
    let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 2, let a = parts[0], let b = parts[1] else { return nil }
    return (a, b)
}
