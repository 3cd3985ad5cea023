/// One legend row: a line sample (solid or dashed) or a marker, and its label.
public struct LegendEntry: Sendable {
    public var label: String
    public var color: Color
    public var dashed: Bool
    public init(label: String, color: Color, dashed: Bool = false) {
        self.label = label
        self.color = color
        self.dashed = dashed
    }
}

/// Where to put a legend box inside a rectangle.
public enum LegendCorner: Sendable {
    case topLeft, topRight, bottomLeft, bottomRight
}

/// A boxed legend.
public enum Legend {
    /// Draws `entries` in a semi-opaque box in `corner` of the rectangle, `margin` pixels in.
    public static func draw(_ entries: [LegendEntry], on canvas: Canvas, in rect: (x: Double, y: Double, width: Double, height: Double),
                            corner: LegendCorner, fontSize: Double = 13, background: Color = .white, textColor: Color = .black) {
        guard !entries.isEmpty else { return }
        // Sizes for a 13-point font, scaled with it.
        let k = fontSize / 13, sample = 28 * k, pad = 8 * k, rowHeight = fontSize * 1.45
        let textWidth = entries.map { canvas.textWidth($0.label, size: fontSize) }.max()!
        let w = pad * 3 + sample + textWidth, h = pad * 2 + rowHeight * Double(entries.count)
        let margin = 10 * k
        let x = corner == .topLeft || corner == .bottomLeft ? rect.x + margin : rect.x + rect.width - w - margin
        let y = corner == .topLeft || corner == .topRight ? rect.y + margin : rect.y + rect.height - h - margin
        canvas.rectangle(x: x, y: y, width: w, height: h, fill: background, fillAlpha: 0.85, stroke: .gray)
        for (i, e) in entries.enumerated() {
            let cy = y + pad + rowHeight * (Double(i) + 0.5)
            canvas.line([PixelPoint(x + pad, cy), PixelPoint(x + pad + sample, cy)], color: e.color, width: 2.5 * k,
                        dash: e.dashed ? [7 * k, 4 * k] : [])
            canvas.text(e.label, at: PixelPoint(x + 2 * pad + sample, cy + fontSize * 0.35), size: fontSize, color: textColor)
        }
    }
}
