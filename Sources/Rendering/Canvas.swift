import CCairo
import Foundation

/// A point in pixels, y pointing down.
public struct PixelPoint: Hashable, Sendable {
    /// Pixels from the left and from the top.
    public var x: Double, y: Double
    /// The point `x` pixels from the left, `y` from the top.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Where a label sits relative to its anchor point.
public enum TextAnchor: Sendable {
    case left, center, right
}

/// A snapshot of a canvas's pixels (Cairo's RGB24 layout).
public struct Raster: Sendable {
    /// The snapshot's size in pixels.
    public let width: Int, height: Int
    let pixels: [UInt8]
}

/// An opaque RGB image drawn with Cairo, and the few primitives the charts need.
public final class Canvas {
    /// The canvas's size in pixels.
    public let width: Int, height: Int
    let surface: OpaquePointer
    let cr: OpaquePointer
    /// The surface's pixels, `stride` bytes a row: Cairo keeps them where they are for the surface's life.
    let data: UnsafeMutablePointer<UInt8>
    let stride: Int

    /// A canvas filled with `background`; a ``RenderError`` when Cairo cannot make it (no memory,
    /// a size past its limits).
    public init(width: Int, height: Int, background: Color = .white) throws {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(clamping: width), Int32(clamping: height))
        cr = cairo_create(surface)
        let status = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? cairo_surface_status(surface) : cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS, let pixels = cairo_image_surface_get_data(surface) else {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            throw RenderError("cannot make a \(width)x\(height) drawing surface: \(String(cString: cairo_status_to_string(status)))")
        }
        data = pixels
        stride = Int(cairo_image_surface_get_stride(surface))
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        fill(background)
    }

    /// A canvas holding a copy of `raster`, to draw over a cached background.
    public convenience init(copying raster: Raster) throws {
        try self.init(width: raster.width, height: raster.height)
        raster.pixels.withUnsafeBytes { overwrite(with: $0) }
    }

    /// A canvas holding a copy of `other`'s pixels.
    public convenience init(copying other: Canvas) throws {
        try self.init(width: other.width, height: other.height)
        cairo_surface_flush(other.surface)
        overwrite(with: UnsafeRawBufferPointer(start: other.data, count: other.stride * other.height))
    }

    /// Replaces the pixels with `bytes`, laid out as this surface's.
    private func overwrite(with bytes: UnsafeRawBufferPointer) {
        cairo_surface_flush(surface)
        if let source = bytes.baseAddress { UnsafeMutableRawPointer(data).copyMemory(from: source, byteCount: min(bytes.count, stride * height)) }
        cairo_surface_mark_dirty(surface)
    }

    /// An immutable copy of the pixels, safe to share between threads.
    public func raster() -> Raster {
        cairo_surface_flush(surface)
        return Raster(width: width, height: height, pixels: Array(UnsafeBufferPointer(start: data, count: stride * height)))
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Paints every pixel `color`.
    public func fill(_ color: Color) {
        setColor(color)
        cairo_paint(cr)
    }

    func setColor(_ c: Color, alpha: Double = 1) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, alpha)
    }

    /// A polyline; `dash` is the on/off pattern in pixels (empty for solid).
    public func line(_ points: [PixelPoint], color: Color, width: Double, alpha: Double = 1, dash: [Double] = []) {
        guard !points.isEmpty else { return }
        addPolyline(points)
        stroke(color, width: width, alpha: alpha, dash: dash)
    }

    /// How far beyond the image a segment is kept before it is cut: more than any stroke is wide.
    static let margin = 1e4

    /// Adds the polyline through `points` to Cairo's path, each segment cut to a box
    /// ``margin`` beyond the image. Cairo holds coordinates in 24.8 fixed point: a point
    /// millions of pixels away (a path run off the map, down a saddle) would wrap around into
    /// the picture.
    private func addPolyline<Points: Collection<PixelPoint>>(_ points: Points) {
        var previous: PixelPoint? = nil, pen: PixelPoint? = nil
        for p in points {
            defer { previous = p }
            guard let a = previous, let (start, end) = kept(a, p) else { continue }
            if pen != start { cairo_move_to(cr, start.x, start.y) }
            cairo_line_to(cr, end.x, end.y)
            pen = end
        }
    }

    /// Whether `p` lies in the box ``margin`` beyond the image, where Cairo may be given it.
    private func nearImage(_ p: PixelPoint) -> Bool {
        p.x >= -Self.margin && p.x <= Double(width) + Self.margin && p.y >= -Self.margin && p.y <= Double(height) + Self.margin
    }

    /// The part of the segment from `a` to `b` inside the box ``margin`` beyond the image
    /// (Liang–Barsky), nil when none is.
    private func kept(_ a: PixelPoint, _ b: PixelPoint) -> (PixelPoint, PixelPoint)? {
        if nearImage(a) && nearImage(b) { return (a, b) }
        let low = -Self.margin, right = Double(width) + Self.margin, bottom = Double(height) + Self.margin
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - low), (dx, right - a.x), (-dy, a.y - low), (dy, bottom - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else if p < 0 {
                t0 = max(t0, q / p)
            } else {
                t1 = min(t1, q / p)
            }
        }
        guard t0 <= t1 else { return nil }
        return (PixelPoint(a.x + t0 * dx, a.y + t0 * dy), PixelPoint(a.x + t1 * dx, a.y + t1 * dy))
    }

    /// Polylines stroked in batches of about `batch` segments. Cairo tessellates each stroke
    /// as one shape, at a cost that grows with the square of its self-crossings (a path that
    /// jitters about a minimum has them by the thousand), while each stroke call also costs a
    /// compositing pass: a batch bounds the first and saves most of the second. Where two
    /// translucent batches meet, the joint is drawn twice.
    public func lines(_ parts: [[PixelPoint]], color: Color, width: Double, alpha: Double = 1, batch: Int = 16) {
        var segments = 0
        for part in parts where !part.isEmpty {
            for start in Swift.stride(from: 0, to: max(part.count - 1, 1), by: batch) {
                let piece = part[start...min(start + batch, part.count - 1)]
                addPolyline(piece)
                segments += piece.count - 1
                if segments >= batch {
                    stroke(color, width: width, alpha: alpha)
                    segments = 0
                }
            }
        }
        if segments > 0 { stroke(color, width: width, alpha: alpha) }
        cairo_new_path(cr)
    }

    func stroke(_ color: Color, width: Double, alpha: Double = 1, dash: [Double] = []) {
        setColor(color, alpha: alpha)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// A rectangle, filled and outlined as given (`fillAlpha` below 1 shows what is under it).
    public func rectangle(x: Double, y: Double, width: Double, height: Double, fill: Color? = nil,
                          fillAlpha: Double = 1, stroke: Color? = nil, lineWidth: Double = 1) {
        if let fill {
            cairo_rectangle(cr, x, y, width, height)
            setColor(fill, alpha: fillAlpha)
            cairo_fill(cr)
        }
        if let stroke {
            cairo_rectangle(cr, x, y, width, height)
            self.stroke(stroke, width: lineWidth)
        }
    }

    /// A filled disc, outlined when `stroke` is given.
    public func circle(_ center: PixelPoint, radius: Double, fill: Color, stroke: Color? = nil, lineWidth: Double = 1) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * .pi)
        fillPath(fill, stroke: stroke, lineWidth: lineWidth)
    }

    /// A filled polygon; `fillAlpha` below 1 lets what is underneath show through.
    public func polygon(_ points: [PixelPoint], fill: Color, fillAlpha: Double = 1, stroke: Color? = nil, lineWidth: Double = 1) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        fillPath(fill, alpha: fillAlpha, stroke: stroke, lineWidth: lineWidth)
    }

    /// Fills the current path, then outlines it when `stroke` is given.
    /// Discs of one colour filled as one shape (their union): one compositing pass for them all.
    public func discs(_ centers: [PixelPoint], radius: Double, fill: Color) {
        guard !centers.isEmpty else { return }
        for c in centers where nearImage(c) {
            cairo_new_sub_path(cr)
            cairo_arc(cr, c.x, c.y, radius, 0, 2 * .pi)
        }
        fillPath(fill, stroke: nil, lineWidth: 0)
    }

    private func fillPath(_ fill: Color, alpha: Double = 1, stroke: Color?, lineWidth: Double) {
        setColor(fill, alpha: alpha)
        guard let stroke else { return cairo_fill(cr) }
        cairo_fill_preserve(cr)
        self.stroke(stroke, width: lineWidth)
    }

    /// A five-pointed star, as used to mark a minimum.
    public func star(_ center: PixelPoint, radius: Double, fill: Color, stroke: Color) {
        let points = (0..<10).map { k -> PixelPoint in
            let r = k.isMultiple(of: 2) ? radius : radius * 0.45
            let angle = -Double.pi / 2 + Double(k) * .pi / 5
            return PixelPoint(center.x + r * cos(angle), center.y + r * sin(angle))
        }
        polygon(points, fill: fill, stroke: stroke, lineWidth: 1.2)
    }

    /// Draws `text` with its baseline at `at.y`, anchored horizontally at `at.x`.
    public func text(_ text: String, at: PixelPoint, size: Double, color: Color = .black,
                     anchor: TextAnchor = .left, bold: Bool = false, rotated: Bool = false) {
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        let w = textWidth(text, size: size, bold: bold)
        let dx = anchor == .left ? 0 : anchor == .center ? -w / 2 : -w
        cairo_translate(cr, at.x, at.y)
        if rotated { cairo_rotate(cr, -.pi / 2) }
        cairo_move_to(cr, dx, 0)
        setColor(color)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    /// The advance width of `text` at `size`.
    public func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// Paints `other` with its top-left corner at (x, y).
    public func draw(_ other: Canvas, x: Double, y: Double) {
        cairo_surface_flush(other.surface)
        cairo_save(cr)
        cairo_set_source_surface(cr, other.surface, x, y)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Restricts drawing to a rectangle until `unclip()`.
    public func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cr)
        cairo_rectangle(cr, x, y, width, height)
        cairo_clip(cr)
    }

    /// Ends the clip the last `clip(x:y:width:height:)` began.
    public func unclip() { cairo_restore(cr) }

    /// Sets every pixel of a rectangle to `color(x, y)` (x, y relative to the rectangle).
    public func setPixels(x: Int, y: Int, width w: Int, height h: Int, _ color: (Int, Int) -> Color) {
        cairo_surface_flush(surface)
        for py in 0..<h where y + py >= 0 && y + py < height {
            let row = UnsafeMutableRawPointer(data + (y + py) * stride).assumingMemoryBound(to: UInt32.self)
            for px in 0..<w where x + px >= 0 && x + px < width {
                let c = color(px, py)
                row[x + px] = UInt32(c.red * 255 + 0.5) << 16 | UInt32(c.green * 255 + 0.5) << 8 | UInt32(c.blue * 255 + 0.5)
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    /// The pixels as packed 8-bit RGB rows.
    public func rgb() -> [UInt8] {
        cairo_surface_flush(surface)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let px = row[x], o = (y * width + x) * 3  // 0x00RRGGBB in native order
                out[o] = UInt8(truncatingIfNeeded: px >> 16)
                out[o + 1] = UInt8(truncatingIfNeeded: px >> 8)
                out[o + 2] = UInt8(truncatingIfNeeded: px)
            }
        }
        return out
    }

    /// The canvas as PNG bytes; `fast` trades size for speed.
    public func pngData(fast: Bool = true) throws -> Data {
        cairo_surface_flush(surface)
        return try PNGWriter.encode(rgb24: data, width: width, height: height, stride: stride, fast: fast)
    }

    /// Writes the canvas as a PNG file (atomically); `fast` trades file size for speed.
    public func writePNG(to url: URL, fast: Bool = true) throws {
        cairo_surface_flush(surface)
        try PNGWriter.write(rgb24: data, width: width, height: height, stride: stride, to: url, fast: fast)
    }
}
