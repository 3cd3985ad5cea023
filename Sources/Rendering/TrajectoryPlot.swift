import Foundation

/// One path to draw: a point for every step, and which of them to stroke (see ``PathDecimation``).
public struct PathLayer: Sendable {
    /// The legend's name of the path.
    public var label: String
    /// The path's colour.
    public var color: Color
    /// `points[k]` is the position after step k.
    public var points: [(x: Double, y: Double)]
    /// The path's faint trace: indices into `points`, `-(i + 1)` for a move without a stroke.
    public var strokes: [Int]
    /// The path stopped being finite after its last point.
    public var diverged: Bool
    /// The step of each point, rising, when the points are not one per step (snapshots); nil: point k is step k.
    public var steps: [Int]?
    /// Whether every point shown gets a small dot (points far apart, such as snapshots).
    public var marksPoints = false
    /// Other runs of the same optimizer (a noisy scene's): each frame shows where each of them
    /// is at its step as a faint dot — the spread of the outcomes around the path drawn (the
    /// perspective view lifts them with its `companionHeights`).
    public var companions: [[(x: Double, y: Double)]] = []

    /// A path whose trace strokes `strokes` (default: every point).
    public init(label: String, color: Color, points: [(x: Double, y: Double)], strokes: [Int]? = nil, diverged: Bool,
                steps: [Int]? = nil) {
        precondition(!points.isEmpty, "a path has at least its start")
        precondition(steps.map { $0.count == points.count } ?? true, "one step per point")
        self.label = label
        self.color = color
        self.points = points
        self.strokes = strokes ?? Array(points.indices)
        self.diverged = diverged
        self.steps = steps
    }

    /// The point shown at `step`: the last one reached (the last of all once the path has ended).
    func index(atStep step: Int) -> Int {
        guard let steps else { return max(0, min(step, points.count - 1)) }
        return max(0, steps.partitionPoint { $0 > step } - 1)
    }

    /// The step point `i` shows.
    func step(ofPoint i: Int) -> Int { steps?[i] ?? i }

    /// A diverged path is marked once the frame has reached its end.
    func ended(at step: Int) -> Bool { diverged && step >= (steps?.last ?? points.count - 1) }
}

/// A 2D picture of paths over a filled-contour field: the background (field, contour lines,
/// axes, title, minima) is drawn once; each frame copies it and adds paths, legend and counter.
public struct TrajectoryPlot: Sendable {
    /// The picture's title.
    public var title: String
    /// Field values already on the scale to show (e.g. log(1 + f - fmin)).
    public var field: ScalarGrid
    /// Number of colour bands (and contour levels between them).
    public var bands: Int
    public var minima: [(x: Double, y: Double)]
    /// The paths drawn over the map.
    public var paths: [PathLayer]
    /// The axes' labels.
    public var xLabel = "x", yLabel = "y"
    /// The values the colour map spans (several plots on one scale); nil: the field's range.
    public var colorRange: ClosedRange<Double>?
    /// How the paths are drawn.
    public var style = PathStyle.standard
    /// What each frame's steps are made of, drawn at the paths' heads; nil for none.
    public var glyphs: StepGlyphs?

    /// A map of `field` in `bands` filled contours, starred at `minima`, with `paths` over it.
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
    public func background(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height, background: .white)
        let axes = axes(width: width, height: height), layout = PlotLayout(width: width, height: height)
        drawField(on: canvas, axes: axes)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
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

    /// Colour bands with contour lines between them, pixel by pixel: each pixel takes the
    /// viridis colour of its band, whitened where a level passes within the line's width.
    /// A pixel's distance to the nearest level is its distance in value over the local slope,
    /// which gives smooth, antialiased lines 0.7 pixels wide at a cost that grows with the
    /// pixels, not with the contours (stroking Rastrigin's contours took Cairo 160 ms).
    func drawField(on canvas: Canvas, axes: Axes) {
        let range = colorRange ?? field.range, span = range.upperBound - range.lowerBound, levels = Double(bands)
        let palette = (0..<bands).map { ColorMap.viridis.color(at: (Double($0) + 0.5) / Double(bands)) }
        let x0 = Int(axes.left.rounded()), y0 = Int(axes.top.rounded())
        let w = Int(axes.width.rounded()), h = Int(axes.height.rounded())
        guard w > 0, h > 0 else { return }
        // The field on the levels' scale (level k at k), bilinear at each pixel centre.
        var scaled = [Double](repeating: .nan, count: w * h)
        for py in 0..<h {
            let gr = (Double(py) + 0.5) / Double(h) * Double(field.rows - 1)
            let r = min(Int(gr), field.rows - 2), fr = gr - Double(r)
            for px in 0..<w {
                let gc = (Double(px) + 0.5) / Double(w) * Double(field.columns - 1)
                let c = min(Int(gc), field.columns - 2), fc = gc - Double(c)
                let top = field[r, c] * (1 - fc) + field[r, c + 1] * fc
                let bottom = field[r + 1, c] * (1 - fc) + field[r + 1, c + 1] * fc
                scaled[py * w + px] = ((top * (1 - fr) + bottom * fr) - range.lowerBound) / span * levels
            }
        }
        let halfWidth = 0.35, lineAlpha = 0.45
        canvas.setPixels(x: x0, y: y0, width: w, height: h) { px, py in
            let s = scaled[py * w + px]
            guard s.isFinite else { return palette[bands - 1] }
            let base = palette[min(max(Int(s), 0), bands - 1)]
            let level = s.rounded()
            guard level >= 1, level <= levels - 1 else { return base }
            // Central differences (one-sided at the edges) for the slope in levels per pixel.
            func at(_ x: Int, _ y: Int) -> Double {
                let v = scaled[min(max(y, 0), h - 1) * w + min(max(x, 0), w - 1)]
                return v.isFinite ? v : s
            }
            let gx = (at(px + 1, py) - at(px - 1, py)) / Double(min(px + 1, w - 1) - max(px - 1, 0))
            let gy = (at(px, py + 1) - at(px, py - 1)) / Double(min(py + 1, h - 1) - max(py - 1, 0))
            let slope = (gx * gx + gy * gy).squareRoot()
            let distance = slope > 0 ? abs(s - level) / slope : .infinity
            let coverage = min(max(halfWidth + 0.5 - distance, 0), 1)
            return coverage > 0 ? base.mixed(with: .white, lineAlpha * coverage) : base
        }
    }

    /// The paths' finished traces between the two steps.
    public func drawSettled(on canvas: Canvas, width: Int, height: Int, after: Int?, through: Int) {
        let axes = axes(width: width, height: height)
        PathOverlay(paths: paths, style: style).drawSettled(on: canvas, clip: (axes.left, axes.top, axes.width, axes.height), after: after,
                                                          through: through) { path, k in axes.pixel(paths[path].points[k].x, paths[path].points[k].y) }
    }

    /// Every path up to `step`, the legend and the step counter.
    public func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int) {
        let axes = axes(width: width, height: height)
        let rect = (axes.left, axes.top, axes.width, axes.height)
        let layout = PlotLayout(width: width, height: height)
        if paths.contains(where: { !$0.companions.isEmpty }) {
            canvas.clip(x: rect.0, y: rect.1, width: rect.2, height: rect.3)
            for path in paths {
                let cloud = path.companions.filter { !$0.isEmpty }.map { other in
                    let p = other[max(0, min(step, other.count - 1))]
                    return axes.pixel(p.x, p.y)
                }
                canvas.discs(cloud, radius: layout.mark(style.cloudRadius), fill: path.color.mixed(with: .white, style.cloudWhitening))
            }
            canvas.unclip()
        }
        PathOverlay(paths: paths, style: style).draw(on: canvas, layout: layout, clip: rect,
                                                   step: step) { path, k in axes.pixel(paths[path].points[k].x, paths[path].points[k].y) }
        glyphs?.draw(on: canvas, axes: axes, layout: layout, step: step)
    }
}
