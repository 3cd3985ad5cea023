import Foundation

/// One path to draw: a point for every step, and which of them to stroke (see ``PathDecimation``).
public struct PathLayer: Sendable {
    public var label: String
    public var color: Color
    /// `points[k]` is the position after step k.
    public var points: [(x: Double, y: Double)]
    /// The path's faint trace: indices into `points`, `-(i + 1)` for a move without a stroke.
    public var strokes: [Int]
    /// The path stopped being finite after its last point.
    public var diverged: Bool

    /// A path whose trace strokes `strokes` (default: every point).
    public init(label: String, color: Color, points: [(x: Double, y: Double)], strokes: [Int]? = nil, diverged: Bool) {
        precondition(!points.isEmpty, "a path has at least its start")
        self.label = label
        self.color = color
        self.points = points
        self.strokes = strokes ?? Array(points.indices)
        self.diverged = diverged
    }

    /// The point shown at `step`: the last one once the path has ended.
    func index(atStep step: Int) -> Int { max(0, min(step, points.count - 1)) }

    /// A diverged path is marked once the frame has reached its end.
    func ended(at step: Int) -> Bool { diverged && step >= points.count - 1 }
}

/// A 2D picture of paths over a filled-contour field: the background (field, contour lines,
/// axes, title, minima) is drawn once; each frame copies it and adds paths, legend and counter.
public struct TrajectoryPlot: Sendable {
    public var title: String
    /// Field values already on the scale to show (e.g. log(1 + f - fmin)).
    public var field: ScalarGrid
    /// Number of colour bands (and contour levels between them).
    public var bands: Int
    public var minima: [(x: Double, y: Double)]
    public var paths: [PathLayer]
    public var xLabel = "x", yLabel = "y"
    /// How many of the most recent steps make up the bright, fading tail.
    public var tail = 40

    public init(title: String, field: ScalarGrid, bands: Int = 18, minima: [(x: Double, y: Double)], paths: [PathLayer]) {
        self.title = title
        self.field = field
        self.bands = bands
        self.minima = minima
        self.paths = paths
    }

    /// The star drawn at each minimum.
    public static let starColor = Color(hex: 0xff2020)

    /// The plot rectangle for an image of this size.
    public static func axes(width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) -> Axes {
        let r = PlotLayout(width: width, height: height).plotRectangle(width: width, height: height, left: 62, top: 44, right: 20, bottom: 54)
        return Axes(left: r.x, top: r.y, width: r.width, height: r.height, x: x, y: y)
    }

    /// The plot rectangle of this plot at this size.
    public func axes(width: Int, height: Int) -> Axes { Self.axes(width: width, height: height, x: field.x, y: field.y) }

    /// Field, contours, axes, title and minima.
    public func background(width: Int, height: Int) -> Canvas {
        let canvas = Canvas(width: width, height: height, background: .white)
        let axes = axes(width: width, height: height), layout = PlotLayout(width: width, height: height)
        drawField(on: canvas, axes: axes)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        let range = field.range
        for k in 1..<bands {
            let level = range.lowerBound + (range.upperBound - range.lowerBound) * Double(k) / Double(bands)
            for (a, b) in Contours.segments(field, level: level) {
                canvas.line([axes.pixel(a.0, a.1), axes.pixel(b.0, b.1)], color: .white, width: 0.7, alpha: 0.45)
            }
        }
        for m in minima {
            canvas.star(axes.pixel(m.x, m.y), radius: layout.mark(11), fill: Self.starColor, stroke: .white)
        }
        canvas.unclip()
        if layout.showsText {
            axes.draw(on: canvas, xLabel: xLabel, yLabel: yLabel, grid: false, fontSize: layout.text(12))
            canvas.text(title, at: PixelPoint(Double(width) / 2, layout.text(28)), size: layout.text(17), anchor: .center, bold: true)
        } else {
            canvas.rectangle(x: axes.left, y: axes.top, width: axes.width, height: axes.height, stroke: .darkGray, lineWidth: 1)
        }
        return canvas
    }

    /// Colour bands: each plot pixel takes the viridis colour of its band.
    func drawField(on canvas: Canvas, axes: Axes) {
        let range = field.range, span = range.upperBound - range.lowerBound
        let palette = (0..<bands).map { ColorMap.viridis.color(at: (Double($0) + 0.5) / Double(bands)) }
        let x0 = Int(axes.left.rounded()), y0 = Int(axes.top.rounded())
        let w = Int(axes.width.rounded()), h = Int(axes.height.rounded())
        canvas.setPixels(x: x0, y: y0, width: w, height: h) { px, py in
            // Bilinear sample of the grid at the pixel centre.
            let gc = (Double(px) + 0.5) / Double(w) * Double(field.columns - 1)
            let gr = (Double(py) + 0.5) / Double(h) * Double(field.rows - 1)
            let c = min(Int(gc), field.columns - 2), r = min(Int(gr), field.rows - 2)
            let fc = gc - Double(c), fr = gr - Double(r)
            let top = field[r, c] * (1 - fc) + field[r, c + 1] * fc
            let bottom = field[r + 1, c] * (1 - fc) + field[r + 1, c + 1] * fc
            let v = top * (1 - fr) + bottom * fr
            let band = v.isFinite ? min(max(Int((v - range.lowerBound) / span * Double(bands)), 0), bands - 1) : bands - 1
            return palette[band]
        }
    }

    /// Every path up to `step`, the legend and the step counter.
    public func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int) {
        let axes = axes(width: width, height: height)
        let rect = (axes.left, axes.top, axes.width, axes.height)
        PathOverlay(paths: paths, tail: tail).draw(on: canvas, layout: PlotLayout(width: width, height: height), clip: rect,
                                                   step: step) { path, k in axes.pixel(paths[path].points[k].x, paths[path].points[k].y) }
    }
}
