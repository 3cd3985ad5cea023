import Foundation

/// What a step of a path is made of, drawn at the path's head: arrows from a point, an
/// ellipse around it, and points the step keeps — in data units.
public struct StepGlyph: Sendable {
    /// One arrow from the glyph's origin (or, chained, from the previous chained arrow's tip).
    public struct Arrow: Sendable {
        /// The legend's name of the arrow.
        public var label: String
        /// The vector in data units.
        public var dx: Double, dy: Double
        /// The arrow's colour.
        public var color: Color
        /// A dashed arrow (state drawn beside the move rather than part of it).
        public var dashed: Bool
        /// Whether the arrow starts at the previous chained arrow's tip (the parts of a move, head to tail).
        public var chained: Bool
        /// The line's width at full scale.
        public var width: Double

        /// An arrow of `(dx, dy)` in `color`.
        public init(label: String, dx: Double, dy: Double, color: Color, dashed: Bool = false, chained: Bool = false, width: Double = 2.5) {
            (self.label, self.dx, self.dy, self.color, self.dashed, self.chained, self.width) = (label, dx, dy, color, dashed, chained, width)
        }
    }

    /// Where the arrows start: the head of the path.
    public var x: Double, y: Double
    /// The arrows, drawn in order.
    public var arrows: [Arrow]
    /// Half-axes of an axis-aligned ellipse around the origin, in data units; nil for none.
    public var ellipse: (rx: Double, ry: Double)?
    /// The ellipse's colour.
    public var ellipseColor: Color
    /// Points to mark, in data units.
    public var points: [(label: String, x: Double, y: Double)]

    /// A glyph at (`x`, `y`).
    public init(x: Double, y: Double, arrows: [Arrow], ellipse: (rx: Double, ry: Double)? = nil, ellipseColor: Color = .white,
                points: [(label: String, x: Double, y: Double)] = []) {
        (self.x, self.y, self.arrows, self.ellipse, self.ellipseColor, self.points) = (x, y, arrows, ellipse, ellipseColor, points)
    }
}

/// How step glyphs are drawn: the renderer's numbers, which the explorer draws its internals
/// with (the catalog's `glyph_style`).
public struct GlyphStyle: Codable, Sendable {
    /// The longest arrow (or half-axis) as a share of the plot's shorter side.
    public let fraction: Double
    /// Line widths at full scale: the step taken, its parts and the state, plain SGD's step.
    public let moveWidth: Double, partWidth: Double, gradientWidth: Double
    /// The dash of state arrows and SGD's step, and of the ellipse (on, off).
    public let dash: [Double], ellipseDash: [Double]
    /// How much white the ellipse's path colour takes, and the ellipse's line width.
    public let ellipseWhitening: Double, ellipseWidth: Double
    /// The arrows' colours, by their names' first appearance, as `#rrggbb`: clear of the path
    /// palette's reds and greens on the dark contours.
    public let palette: [String]

    /// The renderer's glyphs.
    public static let standard = GlyphStyle(fraction: 0.2, moveWidth: 5, partWidth: 2, gradientWidth: 2, dash: [6, 4], ellipseDash: [5, 3],
                                            ellipseWhitening: 0.4, ellipseWidth: 1.8,
                                            palette: ["#ffb000", "#00e5ff", "#ff4fd8", "#b6ff3c", "#ff7a45", "#a78bfa", "#fff275"])

    /// The palette as colours.
    public var colors: [Color] { palette.map { Color(hex: UInt32($0.dropFirst(), radix: 16) ?? 0) } }

    enum CodingKeys: String, CodingKey {
        case fraction, dash, palette
        case moveWidth = "move_width", partWidth = "part_width", gradientWidth = "gradient_width", ellipseDash = "ellipse_dash"
        case ellipseWhitening = "ellipse_whitening", ellipseWidth = "ellipse_width"
    }
}

/// Every glyph of one frame, scaled together so that the longest arrow (or half-axis) is a fifth
/// of the plot's shorter side, with a legend of the arrows and a note of the scale.
public struct StepGlyphs: Sendable {
    /// Glyphs by the step whose frame shows them.
    public var frames: [Int: [StepGlyph]]
    /// The arrows' legend: each label with its colour and dash.
    public var legend: [LegendEntry]

    /// Glyphs for the frames at the steps of `frames`, with `legend`.
    public init(frames: [Int: [StepGlyph]], legend: [LegendEntry]) {
        self.frames = frames
        self.legend = legend
    }

    /// Draws the glyphs of `step`'s frame inside `axes`, and the legend with the scale note in its bottom-right corner.
    func draw(on canvas: Canvas, axes: Axes, layout: PlotLayout, step: Int) {
        guard let glyphs = frames[step], !glyphs.isEmpty else { return }
        let perX = axes.width / (axes.x.upperBound - axes.x.lowerBound), perY = axes.height / (axes.y.upperBound - axes.y.lowerBound)
        // The longest vector in pixels at factor 1 sets the factor.
        var lengths: [Double] = []
        for glyph in glyphs {
            for arrow in glyph.arrows {
                let x = arrow.dx * perX, y = arrow.dy * perY
                lengths.append((x * x + y * y).squareRoot())
            }
            if let e = glyph.ellipse { lengths += [e.rx * perX, e.ry * perY] }
        }
        lengths = lengths.filter(\.isFinite)
        guard let longest = lengths.max(), longest > 0 else { return }
        let style = GlyphStyle.standard, factor = min(axes.width, axes.height) * style.fraction / longest
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        for glyph in glyphs {
            let origin = axes.pixel(glyph.x, glyph.y)
            if let e = glyph.ellipse, e.rx.isFinite, e.ry.isFinite {
                let points = (0...48).map { k in
                    let a = Double(k) * .pi / 24
                    return PixelPoint(origin.x + e.rx * perX * factor * cos(a), origin.y + e.ry * perY * factor * sin(a))
                }
                canvas.line(points, color: glyph.ellipseColor, width: layout.mark(style.ellipseWidth), dash: style.ellipseDash)
            }
            var tip = origin
            for arrow in glyph.arrows where arrow.dx.isFinite && arrow.dy.isFinite {
                let start = arrow.chained ? tip : origin
                let end = PixelPoint(start.x + arrow.dx * perX * factor, start.y - arrow.dy * perY * factor)
                Self.arrow(from: start, to: end, color: arrow.color, width: layout.mark(arrow.width), dash: arrow.dashed ? style.dash : [], on: canvas)
                if arrow.chained { tip = end }
            }
            for point in glyph.points {
                let p = axes.pixel(point.x, point.y)
                canvas.circle(p, radius: layout.mark(4), fill: .white, stroke: .black)
                canvas.text(point.label, at: PixelPoint(p.x + 6, p.y - 6), size: layout.text(12), color: .white, bold: true)
            }
        }
        canvas.unclip()
        guard layout.showsText else { return }
        let note = String(format: "arrows ×%.3g", factor / min(perX, perY))
        let box = Color(hex: 0x202020)
        Legend.draw(legend + [LegendEntry(label: note, color: box)], on: canvas, in: (axes.left, axes.top, axes.width, axes.height),
                    corner: .bottomRight, fontSize: layout.text(12), background: box, textColor: .white)
    }

    /// A line with a filled head.
    static func arrow(from a: PixelPoint, to b: PixelPoint, color: Color, width: Double, dash: [Double], on canvas: Canvas) {
        let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.5 else { return }
        let head = min(length * 0.4, 4 * width + 4), ux = dx / length, uy = dy / length
        let base = PixelPoint(b.x - ux * head, b.y - uy * head)
        canvas.line([a, base], color: color, width: width, dash: dash)
        canvas.polygon([b, PixelPoint(base.x - uy * head * 0.5, base.y + ux * head * 0.5), PixelPoint(base.x + uy * head * 0.5, base.y - ux * head * 0.5)],
                       fill: color)
    }
}
