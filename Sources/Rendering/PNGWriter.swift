import CPNG
import Foundation

/// Writes PNG files through libpng, atomically: the file is written under a temporary name
/// in the same folder and renamed into place, so no half-written file is ever seen.
public enum PNGWriter {
    /// Writes Cairo RGB24 rows (`stride` bytes apart) as 8-bit RGB. `fast` uses zlib level 1
    /// and the Sub filter (a third larger, several times faster); otherwise level 6 and
    /// adaptive filtering, for files that are kept.
    static func write(rgb24 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, to url: URL, fast: Bool) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let status = descent_png_write_rgb24(temporary.path, pixels, Int32(width), Int32(height), Int32(stride), fast ? 1 : 0)
        guard status == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            let reason = status == -1 ? String(cString: strerror(errno)) : "libpng could not write it"
            throw RenderError("cannot write \(url.path): \(reason)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}

extension PNGWriter {
    /// The same PNG as bytes in memory.
    static func encode(rgb24 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, fast: Bool) throws -> Data {
        var bytes: UnsafeMutablePointer<CChar>?
        var size = 0
        guard descent_png_encode_rgb24(pixels, Int32(width), Int32(height), Int32(stride), fast ? 1 : 0, &bytes, &size) == 0,
              let bytes else { throw RenderError("libpng could not encode a \(width)x\(height) image") }
        return Data(bytesNoCopy: bytes, count: size, deallocator: .free)
    }
}

/// A drawing or writing failure, as one line.
public struct RenderError: Error, CustomStringConvertible, Equatable {
    /// What failed, in one line.
    public let description: String
    /// The error `description`.
    public init(_ description: String) { self.description = description }
}
