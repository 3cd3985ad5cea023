/// One legend row: a line sample (solid or dashed) or a marker, and its label.
public struct LegendEntry: Sendable {
    /// The row's text.
    public var label: String
    /// The sample's colour.
    public var color: Color
    /// A dashed line sample instead of a solid one.
    public var dashed: Bool
    /// A row labelled `label` with a sample of `color`.
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

/// How a legend box is laid out, at a 13-point font (everything scales with the font): the
/// renderer's numbers, which the explorer draws its legend with (the catalog's `legend_style`).
public struct LegendStyle: Codable, Sendable {
    /// The line sample's length, the box's inner padding and its distance from the corner.
    public let sample: Double, padding: Double, margin: Double
    /// A row's height and the text's baseline below the row's middle, in font sizes.
    public let rowHeight: Double, baseline: Double
    /// The sample line's width and dash (on, off), and the box's opacity.
    public let lineWidth: Double, dash: [Double], fillAlpha: Double
    /// The paths' legend on a map: its font size at full scale and its colours.
    public let mapFontSize: Double, mapBackground: String, mapText: String

    /// The renderer's legend.
    public static let standard = LegendStyle(sample: 28, padding: 8, margin: 10, rowHeight: 1.45, baseline: 0.35, lineWidth: 2.5,
                                             dash: [7, 4], fillAlpha: 0.85, mapFontSize: 12, mapBackground: "#202020", mapText: "#ffffff")

    enum CodingKeys: String, CodingKey {
        case sample, padding, margin, baseline, dash
        case rowHeight = "row_height", lineWidth = "line_width", fillAlpha = "fill_alpha"
        case mapFontSize = "map_font_size", mapBackground = "map_background", mapText = "map_text"
    }
}

/// A boxed legend.
public enum Legend {
    /// Draws `entries` in a semi-opaque box in `corner` of the rectangle, `margin` pixels in.
    /// The box's width for `entries` at `fontSize`.
    public static func width(_ entries: [LegendEntry], on canvas: Canvas, fontSize: Double = 13) -> Double {
        let style = LegendStyle.standard, k = fontSize / 13
        return style.padding * k * 3 + style.sample * k + (entries.map { canvas.textWidth($0.label, size: fontSize) }.max() ?? 0)
    }

    public static func draw(_ entries: [LegendEntry], on canvas: Canvas, in rect: (x: Double, y: Double, width: Double, height: Double),
                            corner: LegendCorner, fontSize: Double = 13, background: Color = .white, textColor: Color = .black) {
        guard !entries.isEmpty else { return }
        // Sizes for a 13-point font, scaled with it.
        let style = LegendStyle.standard
        let k = fontSize / 13, sample = style.sample * k, pad = style.padding * k, rowHeight = fontSize * style.rowHeight
        let w = width(entries, on: canvas, fontSize: fontSize), h = pad * 2 + rowHeight * Double(entries.count)
        let margin = style.margin * k
        let x = corner == .topLeft || corner == .bottomLeft ? rect.x + margin : rect.x + rect.width - w - margin
        let y = corner == .topLeft || corner == .topRight ? rect.y + margin : rect.y + rect.height - h - margin
        canvas.rectangle(x: x, y: y, width: w, height: h, fill: background, fillAlpha: style.fillAlpha, stroke: .gray)
        for (i, e) in entries.enumerated() {
            let cy = y + pad + rowHeight * (Double(i) + 0.5)
            canvas.line([PixelPoint(x + pad, cy), PixelPoint(x + pad + sample, cy)], color: e.color, width: style.lineWidth * k,
                        dash: e.dashed ? style.dash.map { $0 * k } : [])
            canvas.text(e.label, at: PixelPoint(x + 2 * pad + sample, cy + fontSize * style.baseline), size: fontSize, color: textColor)
        }
    }
}
