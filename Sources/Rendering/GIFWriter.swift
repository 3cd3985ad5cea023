import CGIF
import Foundation

/// A frame reduced to a 256-colour palette by giflib's median-cut quantizer.
public struct QuantizedFrame: Sendable {
    public let width: Int, height: Int
    let indices: [UInt8]
    let palette: [GifColorType]

    /// Quantizes packed RGB pixels (`width * height * 3` bytes).
    public init(rgb: [UInt8], width: Int, height: Int) throws {
        let n = width * height
        var red = [UInt8](repeating: 0, count: n), green = red, blue = red
        for i in 0..<n {
            red[i] = rgb[3 * i]
            green[i] = rgb[3 * i + 1]
            blue[i] = rgb[3 * i + 2]
        }
        var size: Int32 = 256
        var indices = [UInt8](repeating: 0, count: n)
        var palette = [GifColorType](repeating: GifColorType(), count: 256)
        guard GifQuantizeBuffer(UInt32(width), UInt32(height), &size, &red, &green, &blue, &indices, &palette) == GIF_OK else {
            throw RenderError("giflib could not quantize a \(width)x\(height) frame")
        }
        self.width = width
        self.height = height
        self.indices = indices
        self.palette = palette
    }
}

/// Writes an endlessly looping animated GIF through giflib, atomically (temporary name, then rename).
public final class GIFWriter {
    let url: URL, temporary: URL
    let width: Int, height: Int
    /// Time each frame is shown, in hundredths of a second.
    let delay: Int
    var file: UnsafeMutablePointer<GifFileType>?

    public init(url: URL, width: Int, height: Int, delayCentiseconds: Int) throws {
        self.url = url
        self.width = width
        self.height = height
        delay = delayCentiseconds
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        var error: Int32 = 0
        guard let file = EGifOpenFileName(temporary.path, false, &error) else {
            throw RenderError("cannot write \(url.path): \(String(cString: GifErrorString(error)))")
        }
        self.file = file
        EGifSetGifVersion(file, true)
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, nil))
        // The NETSCAPE2.0 application extension: loop forever.
        try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE))
        try check(Array("NETSCAPE2.0".utf8).withUnsafeBytes { EGifPutExtensionBlock(file, 11, $0.baseAddress) })
        try check([UInt8]([1, 0, 0]).withUnsafeBytes { EGifPutExtensionBlock(file, 3, $0.baseAddress) })
        try check(EGifPutExtensionTrailer(file))
    }

    deinit {
        if let file {
            var error: Int32 = 0
            EGifCloseFile(file, &error)
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    private func check(_ status: Int32) throws {
        guard status == GIF_OK else {
            throw RenderError("cannot write \(url.path): \(String(cString: GifErrorString(file?.pointee.Error ?? 0)))")
        }
    }

    /// Appends a frame with its own palette.
    public func add(_ frame: QuantizedFrame) throws {
        guard let file else { throw RenderError("GIF \(url.path) is already finished") }
        precondition(frame.width == width && frame.height == height)
        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(delay),
                                           TransparentColor: NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
        let map = frame.palette.withUnsafeBufferPointer { GifMakeMapObject(256, $0.baseAddress) }
        defer { GifFreeMapObject(map) }
        try check(EGifPutImageDesc(file, 0, 0, Int32(width), Int32(height), false, map))
        var indices = frame.indices
        for row in 0..<height {
            try check(indices.withUnsafeMutableBufferPointer { EGifPutLine(file, $0.baseAddress! + row * width, Int32(width)) })
        }
    }

    /// Closes the file and moves it into place.
    public func finish() throws {
        guard let file else { return }
        self.file = nil
        var error: Int32 = 0
        guard EGifCloseFile(file, &error) == GIF_OK else {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write \(url.path): \(String(cString: GifErrorString(error)))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
