import CGIF
import Foundation

/// One 256-colour palette for a whole animation, chosen by giflib's median-cut quantizer
/// from a representative frame (the last one holds every path). Sharing it keeps a colour
/// the same index in every frame, so partial frames leave no seams.
public struct GIFPalette: Sendable {
    let colors: [GifColorType]
    /// The nearest palette index of every colour with 5 bits per channel.
    let lookup: [UInt8]

    /// Builds the palette from packed RGB pixels.
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
        var colors = [GifColorType](repeating: GifColorType(), count: 256)
        guard GifQuantizeBuffer(UInt32(width), UInt32(height), &size, &red, &green, &blue, &indices, &colors) == GIF_OK else {
            throw RenderError("giflib could not quantize a \(width)x\(height) image")
        }
        let used = colors.prefix(Int(size))
        lookup = (0..<32768).map { key in
            let r = Int(key >> 10) << 3 | 4, g = Int(key >> 5 & 31) << 3 | 4, b = Int(key & 31) << 3 | 4
            var best = 0, bestDistance = Int.max
            for (i, c) in used.enumerated() {
                let dr = Int(c.Red) - r, dg = Int(c.Green) - g, db = Int(c.Blue) - b
                let d = dr * dr + dg * dg + db * db
                if d < bestDistance { (best, bestDistance) = (i, d) }
            }
            return UInt8(best)
        }
        self.colors = colors
    }

    func index(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        lookup[Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)]
    }
}

/// A frame in palette indices. Given the previous frame, only the rectangle that changed is
/// kept: the GIF paints it over what is already shown, which keeps animations of growing
/// paths small.
public struct QuantizedFrame: Sendable {
    /// The rectangle this frame paints, in pixels of the whole image.
    public let left: Int, top: Int, width: Int, height: Int
    let indices: [UInt8]

    /// Maps packed RGB pixels (`imageWidth * imageHeight * 3` bytes) to `palette`, keeping
    /// only the part that differs from `previous` when it is given.
    public init(rgb: [UInt8], imageWidth: Int, imageHeight: Int, previous: [UInt8]? = nil, palette: GIFPalette) {
        var (x0, y0, x1, y1) = (0, 0, imageWidth - 1, imageHeight - 1)
        if let previous {
            (x0, y0, x1, y1) = (imageWidth, imageHeight, -1, -1)
            for y in 0..<imageHeight {
                let row = y * imageWidth * 3
                for x in 0..<imageWidth {
                    let i = row + 3 * x
                    guard rgb[i] != previous[i] || rgb[i + 1] != previous[i + 1] || rgb[i + 2] != previous[i + 2] else { continue }
                    x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
                }
            }
            if x1 < 0 { (x0, y0, x1, y1) = (0, 0, 0, 0) }  // nothing changed: repaint one pixel
        }
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        var indices = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let source = 3 * ((y0 + y) * imageWidth + x0 + x)
                indices[y * w + x] = palette.index(rgb[source], rgb[source + 1], rgb[source + 2])
            }
        }
        (left, top, width, height) = (x0, y0, w, h)
        self.indices = indices
    }
}

/// Encodes an endlessly looping animated GIF in memory through giflib.
public final class GIFEncoder {
    let width: Int, height: Int
    /// Time each frame is shown, in hundredths of a second.
    let delay: Int
    var file: UnsafeMutablePointer<GifFileType>?
    /// Where giflib's output goes, retained while the file is open.
    private let sink = Sink()

    /// The bytes written so far.
    private final class Sink { var data = Data() }

    /// An animated GIF of `width` × `height` frames in `palette`, each shown `delayCentiseconds`.
    public init(width: Int, height: Int, palette: GIFPalette, delayCentiseconds: Int) throws {
        self.width = width
        self.height = height
        delay = delayCentiseconds
        var error: Int32 = 0
        let write: OutputFunc = { file, bytes, count in
            let sink = Unmanaged<Sink>.fromOpaque(file!.pointee.UserData).takeUnretainedValue()
            sink.data.append(bytes!, count: Int(count))
            return count
        }
        guard let file = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), write, &error) else {
            throw RenderError("cannot encode a GIF: \(String(cString: GifErrorString(error)))")
        }
        self.file = file
        EGifSetGifVersion(file, true)
        let map = palette.colors.withUnsafeBufferPointer { GifMakeMapObject(256, $0.baseAddress) }
        defer { GifFreeMapObject(map) }
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, map))
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
        }
    }

    private func check(_ status: Int32) throws {
        guard status == GIF_OK else {
            throw RenderError("cannot encode a GIF: \(String(cString: GifErrorString(file?.pointee.Error ?? 0)))")
        }
    }

    /// Appends a frame (in the animation's palette).
    public func add(_ frame: QuantizedFrame) throws {
        guard let file else { throw RenderError("the GIF is already finished") }
        precondition(frame.left + frame.width <= width && frame.top + frame.height <= height)
        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(delay),
                                           TransparentColor: NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
        try check(EGifPutImageDesc(file, Int32(frame.left), Int32(frame.top), Int32(frame.width), Int32(frame.height), false, nil))
        var indices = frame.indices
        for row in 0..<frame.height {
            try check(indices.withUnsafeMutableBufferPointer { EGifPutLine(file, $0.baseAddress! + row * frame.width, Int32(frame.width)) })
        }
    }

    /// Ends the animation and returns the GIF's bytes.
    public func finish() throws -> Data {
        if let file {
            self.file = nil
            var error: Int32 = 0
            guard EGifCloseFile(file, &error) == GIF_OK else {
                throw RenderError("cannot encode a GIF: \(String(cString: GifErrorString(error)))")
            }
        }
        return sink.data
    }
}
