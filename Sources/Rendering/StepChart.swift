import Foundation

/// A value against the optimizer step, one curve per path, growing with the animation: the
/// loss panel under a trajectory plot. A logarithmic chart shows how many decades each
/// optimizer gains, and when.
public struct StepChart: Sendable {
    /// One path's curve.
    public struct Curve: Sendable {
        /// The curve's colour (darkened on the chart where it is light).
        public var color: Color
        /// `values[i]` at step `steps[i]`; steps rise from 0.
        public var steps: [Int]
        /// The value at each of `steps`.
        public var values: [Double]
        /// A dashed line (a curve to compare with a solid one of the same colour).
        public var dashed: Bool
        /// A shaded band under the line, `low[i]...high[i]` at `steps[i]` (the spread of several runs).
        public var band: (low: [Double], high: [Double])?
        /// A curve of `values` at `steps`, dashed or not, over an optional band.
        public init(color: Color, steps: [Int], values: [Double], dashed: Bool = false, band: (low: [Double], high: [Double])? = nil) {
            precondition(steps.count == values.count && band.map { $0.low.count == steps.count && $0.high.count == steps.count } ?? true)
            self.color = color
            self.steps = steps
            self.values = values
            self.dashed = dashed
            self.band = band
        }
    }

    /// The chart's title.
    public var title: String
    /// One curve per path.
    public var curves: [Curve]
    /// The last step of the animation: the x axis runs from 0 to it.
    public var lastStep: Int
    /// Whether the y axis is logarithmic.
    public var logarithmic: Bool
    /// The y range: log10 of the values when ``logarithmic``.
    let yRange: ClosedRange<Double>

    /// A chart of `curves`, its y axis spanning `covering` (nil: every value of the curves and
    /// their bands); values that are not finite (or not positive on a log axis) are not drawn,
    /// and those outside the span leave the chart at its edge. Long curves are thinned to what a
    /// column of pixels can show.
    public init(title: String, curves: [Curve], lastStep: Int, logarithmic: Bool, covering: ClosedRange<Double>? = nil) {
        self.title = title
        self.lastStep = max(lastStep, 1)
        self.logarithmic = logarithmic
        var low = Double.infinity, high = -Double.infinity
        let spanned = covering.map { [$0.lowerBound, $0.upperBound] } ?? curves.flatMap { $0.values + ($0.band.map { $0.low + $0.high } ?? []) }
        for v in spanned where v.isFinite && (!logarithmic || v > 0) {
            low = min(low, v)
            high = max(high, v)
        }
        if low > high { (low, high) = (1, 1) }
        if logarithmic {
            // A few decades at most (fifteen): below that is rounding noise.
            (low, high) = (log10(max(low, high * pow(10, -ChartStyle.standard.decades))), log10(high))
        }
        if high - low < 1e-9 { (low, high) = (low - 1, high + 1) }
        let pad = (high - low) * ChartStyle.standard.padding
        let yRange = (low - pad)...(high + pad)
        self.yRange = yRange
        // Thin each curve to what 2,000 columns can show (more than any image's pixels): in
        // each column the first, lowest, highest and last point, in step order. One pass, each
        // point's axis value taken once: a million-step curve is thinned in milliseconds.
        let steps = Double(max(lastStep, 1))
        self.curves = curves.map { curve in
            var kept: [Int] = []
            var column = -1, first = 0, last = 0
            var lowest: (index: Int, y: Double)? = nil, highest: (index: Int, y: Double)? = nil
            func flush() {
                guard column >= 0 else { return }
                kept += Set([first, last] + [lowest?.index, highest?.index].compactMap { $0 }).sorted()
            }
            for (i, step) in curve.steps.enumerated() {
                let c = Int(Double(step) / steps * 2000)
                if c != column {
                    flush()
                    (column, first, lowest, highest) = (c, i, nil, nil)
                }
                last = i
                let y = Self.axisValue(curve.values[i], logarithmic: logarithmic, floor: yRange.lowerBound)
                guard y.isFinite else { continue }
                if lowest == nil || y < lowest!.y { lowest = (i, y) }
                if highest == nil || y > highest!.y { highest = (i, y) }
            }
            flush()
            return Curve(color: curve.color, steps: kept.map { curve.steps[$0] }, values: kept.map { curve.values[$0] }, dashed: curve.dashed,
                         band: curve.band.map { band in (kept.map { band.low[$0] }, kept.map { band.high[$0] }) })
        }
    }

    /// A path colour as it shows on the panel's white: a light one (RMSprop's white, NAG's
    /// yellow, chosen to stand out on the dark map) is darkened by a third. The explorer's
    /// chart takes its colours from here too.
    public static func visible(_ color: Color) -> Color {
        0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.8 ? color.mixed(with: .black, 0.35) : color
    }

    /// Where `value` sits on the y axis: its log10 on a log axis, the bottom for a value ≤ 0 there.
    static func axisValue(_ value: Double, logarithmic: Bool, floor: Double) -> Double {
        guard logarithmic else { return value }
        return value > 0 ? max(log10(value), floor) : floor
    }

    func axes(in rect: (x: Double, y: Double, width: Double, height: Double), layout: PlotLayout) -> Axes {
        let style = ChartStyle.standard
        let left = layout.text(style.left), right = layout.text(style.right), top = layout.text(style.top), bottom = layout.text(style.bottom)
        return Axes(left: rect.x + left, top: rect.y + top, width: max(1, rect.width - left - right),
                    height: max(1, rect.height - top - bottom), x: 0...Double(lastStep), y: yRange)
    }

    /// Frame, ticks, grid and title in `rect`.
    public func drawBackground(on canvas: Canvas, in rect: (x: Double, y: Double, width: Double, height: Double), layout: PlotLayout) {
        let axes = axes(in: rect, layout: layout)
        let font = layout.text(ChartStyle.standard.tickFont)
        var yTicks = Axes.ticks(yRange, count: 4)
        if logarithmic { yTicks = Array(Int(ceil(yRange.lowerBound))...max(Int(ceil(yRange.lowerBound)), Int(floor(yRange.upperBound)))).map(Double.init) }
        // As many ticks as fit with a line of space between their labels.
        let room = max(2, Int(axes.height / (font * 2.2)))
        if logarithmic, yTicks.count > room {
            let stride = (yTicks.count + room - 1) / room
            yTicks = yTicks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        }
        axes.draw(on: canvas, xLabel: "", yLabel: "", grid: true, fontSize: font, xTicks: Axes.ticks(axes.x, count: 6), yTicks: yTicks,
                  yTickLabel: logarithmic ? { "1e\(Int($0))" } : nil)
        let style = ChartStyle.standard
        canvas.text(title, at: PixelPoint(axes.left, rect.y + layout.text(style.titleBaseline)), size: layout.text(style.titleFont), bold: true)
        canvas.text("step", at: PixelPoint(axes.left + axes.width, rect.y + rect.height - layout.text(6)), size: font,
                    color: .darkGray, anchor: .right)
    }

    /// Points per settled piece of a curve or its band: a solid curve is drawn in pieces of
    /// this many segments, and a piece a frame has passed is drawn once onto the running layer,
    /// ordered by the step that completes it, then by curve, band before line.
    static let pieceLength = 16

    /// The solid curves' and their bands' pieces finished after `after` (nil: from the start) up to `through`.
    public func drawSettled(on canvas: Canvas, in rect: (x: Double, y: Double, width: Double, height: Double), layout: PlotLayout,
                            after: Int?, through: Int) {
        var pieces: [(step: Int, curve: Int, isLine: Bool, piece: Int)] = []
        let points = curves.map { (band: bandPoints($0), line: linePoints($0)) }
        for (c, curve) in curves.enumerated() where !curve.dashed {
            for (isLine, kept) in [(false, points[c].band), (true, points[c].line)] {
                let from = after.map { settledPieces(kept, of: curve, step: $0) } ?? 0
                for k in from..<max(from, settledPieces(kept, of: curve, step: through)) {
                    pieces.append((curve.steps[kept[(k + 1) * Self.pieceLength]], c, isLine, k))
                }
            }
        }
        guard !pieces.isEmpty else { return }
        pieces.sort { ($0.step, $0.curve, $0.isLine ? 1 : 0, $0.piece) < ($1.step, $1.curve, $1.isLine ? 1 : 0, $1.piece) }
        let axes = axes(in: rect, layout: layout)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        for (_, c, isLine, k) in pieces {
            let range = k * Self.pieceLength...(k + 1) * Self.pieceLength
            if isLine { drawLine(curves[c], points[c].line[range], on: canvas, axes: axes, layout: layout) }
            else { drawBand(curves[c], points[c].band[range], on: canvas, axes: axes) }
        }
        canvas.unclip()
    }

    /// Every curve up to `step` over a layer holding the settled pieces (`drawSettled`): each
    /// solid curve's unfinished piece, every dashed curve whole, and the step's marker line.
    public func drawCurves(on canvas: Canvas, in rect: (x: Double, y: Double, width: Double, height: Double), layout: PlotLayout,
                           step: Int) {
        let axes = axes(in: rect, layout: layout)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        for curve in curves {
            let band = bandPoints(curve), line = linePoints(curve)
            let bandEnd = band.partitionPoint { curve.steps[$0] > step }, lineEnd = line.partitionPoint { curve.steps[$0] > step }
            // A dashed line keeps its pattern only when stroked whole.
            let settled = { (kept: [Int], end: Int) in curve.dashed ? 0 : self.settledPieces(kept, of: curve, step: step) * Self.pieceLength }
            drawBand(curve, band[settled(band, bandEnd)..<bandEnd], on: canvas, axes: axes)
            drawLine(curve, line[settled(line, lineEnd)..<lineEnd], on: canvas, axes: axes, layout: layout)
        }
        let x = axes.pixel(Double(min(step, lastStep)), 0).x
        canvas.line([PixelPoint(x, axes.top), PixelPoint(x, axes.top + axes.height)], color: .gray, width: 1, alpha: 0.6)
        canvas.unclip()
    }

    /// The points a curve's line joins: those with a finite value.
    func linePoints(_ curve: Curve) -> [Int] { curve.values.indices.filter { curve.values[$0].isFinite } }

    /// The points its band spans: those where both edges are finite (none without a band).
    func bandPoints(_ curve: Curve) -> [Int] {
        guard let band = curve.band else { return [] }
        return curve.steps.indices.filter { band.low[$0].isFinite && band.high[$0].isFinite }
    }

    /// Pieces of `kept` finished at `step` (a piece's last point is the next one's first).
    func settledPieces(_ kept: [Int], of curve: Curve, step: Int) -> Int {
        max(0, (kept.partitionPoint { curve.steps[$0] > step } - 1) / Self.pieceLength)
    }

    /// A value's place on the y axis, held within four spans of the chart: a value far off it
    /// (a path run away down a saddle) leaves at the edge without overflowing Cairo's fixed point.
    func y(_ value: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        let v = Self.axisValue(value, logarithmic: logarithmic, floor: yRange.lowerBound)
        let beyond = ChartStyle.standard.spansBeyond * span
        return v.isFinite ? min(max(v, yRange.lowerBound - beyond), yRange.upperBound + beyond) : v
    }

    /// The band between the points `kept` (two at least), shaded under the line.
    func drawBand(_ curve: Curve, _ kept: ArraySlice<Int>, on canvas: Canvas, axes: Axes) {
        guard let band = curve.band, kept.count > 1 else { return }
        let outline = kept.map { axes.pixel(Double(curve.steps[$0]), y(band.high[$0])) }
            + kept.reversed().map { axes.pixel(Double(curve.steps[$0]), y(band.low[$0])) }
        canvas.polygon(outline, fill: Self.visible(curve.color), fillAlpha: ChartStyle.standard.bandAlpha)
    }

    /// The line through the points `kept`.
    func drawLine(_ curve: Curve, _ kept: ArraySlice<Int>, on canvas: Canvas, axes: Axes, layout: PlotLayout) {
        let points = kept.map { axes.pixel(Double(curve.steps[$0]), y(curve.values[$0])) }
        if curve.dashed {
            canvas.line(points, color: Self.visible(curve.color), width: layout.mark(ChartStyle.standard.lineWidth),
                        dash: ChartStyle.standard.dash.map(layout.mark))
        } else {
            canvas.lines([points], color: Self.visible(curve.color), width: layout.mark(ChartStyle.standard.lineWidth), batch: Self.pieceLength)
        }
    }
}

extension Array where Element == Int {
    /// The index of the first element for which `isAfter` holds, in a sorted array.
    func partitionPoint(_ isAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// How a step chart lays itself out: the numbers the renderer's panel and the explorer's chart
/// (which reads them from the catalog) share.
public struct ChartStyle: Codable, Sendable {
    /// Margins around the plot area at a 600-pixel-high picture, in pixels.
    public let left: Double, right: Double, top: Double, bottom: Double
    /// Empty room above and below the curves, as a fraction of their span.
    public let padding: Double
    /// Decades a logarithmic axis shows at most below its highest value.
    public let decades: Double
    /// How many spans beyond the plot a value is held at (it leaves at the edge).
    public let spansBeyond: Double
    /// Font sizes of the title and the tick labels, and the title's baseline from the top.
    public let titleFont: Double, tickFont: Double, titleBaseline: Double
    /// A curve's width, a dashed curve's dash (on, off), and the opacity of a band over runs.
    public let lineWidth: Double, dash: [Double], bandAlpha: Double

    /// The renderer's chart.
    public static let standard = ChartStyle(left: 62, right: 20, top: 24, bottom: 36, padding: 0.05, decades: 15, spansBeyond: 4,
                                            titleFont: 12, tickFont: 11, titleBaseline: 16, lineWidth: 2, dash: [6, 4], bandAlpha: 0.18)

    enum CodingKeys: String, CodingKey {
        case left, right, top, bottom, padding, decades, dash
        case spansBeyond = "spans_beyond", titleFont = "title_font", tickFont = "tick_font", titleBaseline = "title_baseline"
        case lineWidth = "line_width", bandAlpha = "band_alpha"
    }
}
