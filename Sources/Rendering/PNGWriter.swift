import CPNG
import Foundation

/// Writes 8-bit RGB pixels as a PNG file through libpng, atomically: the file is written under
/// a temporary name in the same folder and renamed into place, so no half-written file is seen.
public enum PNGWriter {
    /// `rgb` holds `width * height * 3` bytes, rows top to bottom. `fast` trades file size for
    /// speed (libpng's PNG_IMAGE_FLAG_FAST: no filtering, a low zlib level).
    public static func write(rgb: [UInt8], width: Int, height: Int, to url: URL, fast: Bool = true) throws {
        precondition(rgb.count == width * height * 3)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_RGB)
        image.flags = fast ? UInt32(PNG_IMAGE_FLAG_FAST) : 0
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let ok = rgb.withUnsafeBytes { png_image_write_to_file(&image, temporary.path, 0, $0.baseAddress, Int32(width * 3), nil) }
        if ok == 0 {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write \(url.path): \(message)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A drawing or writing failure, as one line.
public struct RenderError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
