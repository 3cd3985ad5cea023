import Foundation

/// A line chart: several series over a shared x axis, with grid, legend and axis titles.
public struct LineChart: Sendable {
    /// One line: `points` as (x, y) data pairs, optionally over a shaded `band` (x, low, high),
    /// e.g. the range of several runs whose mean is the line.
    public struct Series: Sendable {
        /// The legend's name of the series.
        public var label: String
        /// The line's colour.
        public var color: Color
        /// A dashed line (a validation curve beside its training curve).
        public var dashed: Bool
        /// The line's points.
        public var points: [(x: Double, y: Double)]
        /// A shaded min–max band under the line; empty for none.
        public var band: [(x: Double, low: Double, high: Double)]
        /// A mark drawn at every point; nil for none.
        public var marker: ChartMarker?
        /// Whether the points are joined by a line (false: marks only).
        public var joined: Bool
        /// Whether the series has a row in the legend.
        public var inLegend: Bool
        /// A series named `label` through `points`, in `color`, over `band`.
        public init(label: String, color: Color, dashed: Bool = false, points: [(x: Double, y: Double)],
                    band: [(x: Double, low: Double, high: Double)] = [], marker: ChartMarker? = nil, joined: Bool = true,
                    inLegend: Bool = true) {
            self.label = label
            self.color = color
            self.dashed = dashed
            self.points = points
            self.band = band
            self.marker = marker
            self.joined = joined
            self.inLegend = inLegend
        }
    }

    /// The chart's title.
    public var title: String
    /// The x axis's label.
    public var xLabel: String
    /// The y axis's label.
    public var yLabel: String
    /// The lines, in legend order.
    public var series: [Series]
    /// Fixed y range; nil fits the data.
    public var yRange: ClosedRange<Double>?
    /// Where the legend sits.
    public var legendCorner: LegendCorner = .bottomRight
    /// Whether the legend sits to the right of the plot instead of inside it (many series over
    /// the whole plot).
    public var legendOutside = false
    /// A logarithmic y axis (values that are not positive are left out), ticked at 1, 2 and 5
    /// times the powers of ten; ``yRange`` is then in the data's own units.
    public var logarithmic: Bool
    /// A logarithmic x axis, ticked at the powers of ten (x values that are not positive are left out).
    public var logarithmicX: Bool

    /// A chart of `series` under `title`, its y axis over `yRange` (nil: the data's).
    public init(title: String, xLabel: String, yLabel: String, series: [Series], yRange: ClosedRange<Double>? = nil,
                legendCorner: LegendCorner = .bottomRight, logarithmic: Bool = false, logarithmicX: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yRange = yRange
        self.legendCorner = legendCorner
        self.logarithmic = logarithmic
        self.logarithmicX = logarithmicX
    }

    /// Renders the chart on a new white canvas.
    public func render(width: Int = 900, height: Int = 650) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        // On a log axis every y is its log10; what cannot be placed (NaN, or ≤ 0 there) is left out.
        let axisY: (Double) -> Double = logarithmic ? { $0 > 0 ? log10($0) : .nan } : { $0 }
        let axisX: (Double) -> Double = logarithmicX ? { $0 > 0 ? log10($0) : .nan } : { $0 }
        let all = series.flatMap { $0.points + $0.band.flatMap { [($0.x, $0.low), ($0.x, $0.high)] } }
        let xs = all.map { axisX($0.x) }.filter(\.isFinite), ys = all.map { axisY($0.y) }.filter(\.isFinite)
        // On a log axis a fifth of a decade either side, so marks at the ends show whole.
        let xPad = logarithmicX ? 0.2 : 0
        let xRange = (xs.min() ?? 0) - xPad...max(xs.max() ?? 1, (xs.min() ?? 0) + 1) + xPad
        let y = yRange.map { axisY($0.lowerBound)...axisY($0.upperBound) } ?? {
            let lo = ys.min() ?? 0, hi = ys.max() ?? 1
            let pad = max((hi - lo) * 0.05, 1e-9)
            return (lo - pad)...(hi + pad)
        }()
        let entries = series.filter(\.inLegend).map { LegendEntry(label: $0.label, color: $0.color, dashed: $0.dashed) }
        let outside = legendOutside ? Legend.width(entries, on: canvas) + 10 : 0
        let axes = Axes(left: 80, top: 50, width: Double(width) - 110 - outside, height: Double(height) - 120, x: xRange, y: y)
        canvas.text(title, at: PixelPoint(Double(width) / 2, 32), size: 18, anchor: .center, bold: true)
        let powerOfTen = { (v: Double) in String(format: "%g", pow(10, v)) }
        axes.draw(on: canvas, xLabel: xLabel, yLabel: yLabel, grid: true,
                  xTicks: logarithmicX ? Self.logTicks(xRange).filter { $0 == $0.rounded() } : nil,
                  yTicks: logarithmic ? Self.logTicks(y) : nil,
                  xTickLabel: logarithmicX ? powerOfTen : nil, yTickLabel: logarithmic ? powerOfTen : nil)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        for s in series where !s.band.isEmpty {
            let outline = s.band.map { axes.pixel(axisX($0.x), axisY($0.high)) } + s.band.reversed().map { axes.pixel(axisX($0.x), axisY($0.low)) }
            canvas.polygon(outline, fill: s.color, fillAlpha: 0.15)
        }
        for s in series {
            // A diverged run's NaN losses have no place on the axis: the line shows the finite points.
            let pixels = s.points.map { (axisX($0.x), axisY($0.y)) }.filter { $0.0.isFinite && $0.1.isFinite }.map { axes.pixel($0.0, $0.1) }
            if s.joined { canvas.line(pixels, color: s.color, width: 2, dash: s.dashed ? [7, 4] : []) }
            if let marker = s.marker { pixels.forEach { marker.draw(at: $0, color: s.color, on: canvas) } }
        }
        canvas.unclip()
        if legendOutside {
            Legend.draw(entries, on: canvas, in: (axes.left + axes.width, axes.top, outside + 20, axes.height), corner: .topLeft)
        } else {
            Legend.draw(entries, on: canvas, in: (axes.left, axes.top, axes.width, axes.height), corner: legendCorner)
        }
        return canvas
    }

    /// log10 of 1, 2 and 5 times each power of ten inside `range` (itself in log10); only the
    /// powers of ten when that makes more than a dozen.
    static func logTicks(_ range: ClosedRange<Double>) -> [Double] {
        let decades = Int(floor(range.lowerBound))...Int(ceil(range.upperBound))
        let all = decades.flatMap { d in [1.0, 2, 5].map { log10($0) + Double(d) } }.filter { range.contains($0) }
        return all.count > 12 ? all.filter { $0 == $0.rounded() } : all
    }
}

/// A mark at a chart's data point.
public enum ChartMarker: Sendable {
    /// A filled disc.
    case dot
    /// An open circle around the point (wide enough to ring a star).
    case ring
    /// An x.
    case cross
    /// A five-pointed star.
    case star

    /// Draws the mark centred at `point`.
    func draw(at point: PixelPoint, color: Color, on canvas: Canvas) {
        switch self {
        case .dot: canvas.circle(point, radius: 3.5, fill: color)
        case .ring:
            let circle = (0...36).map { k in
                PixelPoint(point.x + 13 * cos(Double(k) * .pi / 18), point.y + 13 * sin(Double(k) * .pi / 18))
            }
            canvas.line(circle, color: color, width: 2)
        case .cross:
            let r = 6.0
            canvas.line([PixelPoint(point.x - r, point.y - r), PixelPoint(point.x + r, point.y + r)], color: color, width: 2.5)
            canvas.line([PixelPoint(point.x - r, point.y + r), PixelPoint(point.x + r, point.y - r)], color: color, width: 2.5)
        case .star: canvas.star(point, radius: 10, fill: color, stroke: .black)
        }
    }
}
