import Foundation

/// Makes `url` a folder the tool can write into: created if needed (with its parents), checked
/// for write permission; the one-line errors name it.
public func prepareOutputFolder(_ url: URL) throws {
    do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
        throw OutputFolderError("cannot create output folder \(url.path): \(error.localizedDescription)")
    }
    guard FileManager.default.isWritableFile(atPath: url.path) else {
        throw OutputFolderError("output folder \(url.path) is not writable; pass another --out")
    }
}

/// An output folder that cannot be made or written.
public struct OutputFolderError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
