/// A line chart: several series over a shared x axis, with grid, legend and axis titles.
public struct LineChart: Sendable {
    /// One line: `points` as (x, y) data pairs, optionally over a shaded `band` (x, low, high),
    /// e.g. the range of several runs whose mean is the line.
    public struct Series: Sendable {
        public var label: String
        public var color: Color
        public var dashed: Bool
        public var points: [(x: Double, y: Double)]
        public var band: [(x: Double, low: Double, high: Double)]
        public init(label: String, color: Color, dashed: Bool = false, points: [(x: Double, y: Double)],
                    band: [(x: Double, low: Double, high: Double)] = []) {
            self.label = label
            self.color = color
            self.dashed = dashed
            self.points = points
            self.band = band
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// Fixed y range; nil fits the data.
    public var yRange: ClosedRange<Double>?
    public var legendCorner: LegendCorner = .bottomRight

    public init(title: String, xLabel: String, yLabel: String, series: [Series], yRange: ClosedRange<Double>? = nil,
                legendCorner: LegendCorner = .bottomRight) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yRange = yRange
        self.legendCorner = legendCorner
    }

    /// Renders the chart on a new white canvas.
    public func render(width: Int = 900, height: Int = 650) -> Canvas {
        let canvas = Canvas(width: width, height: height)
        let all = series.flatMap { $0.points + $0.band.flatMap { [($0.x, $0.low), ($0.x, $0.high)] } }
        let xs = all.map(\.x), ys = all.map(\.y).filter(\.isFinite)
        let xRange = (xs.min() ?? 0)...max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
        let y = yRange ?? {
            let lo = ys.min() ?? 0, hi = ys.max() ?? 1
            let pad = max((hi - lo) * 0.05, 1e-9)
            return (lo - pad)...(hi + pad)
        }()
        let axes = Axes(left: 80, top: 50, width: Double(width) - 110, height: Double(height) - 120, x: xRange, y: y)
        canvas.text(title, at: PixelPoint(Double(width) / 2, 32), size: 18, anchor: .center, bold: true)
        axes.draw(on: canvas, xLabel: xLabel, yLabel: yLabel, grid: true)
        canvas.clip(x: axes.left, y: axes.top, width: axes.width, height: axes.height)
        for s in series where !s.band.isEmpty {
            let outline = s.band.map { axes.pixel($0.x, $0.high) } + s.band.reversed().map { axes.pixel($0.x, $0.low) }
            canvas.polygon(outline, fill: s.color, fillAlpha: 0.15)
        }
        for s in series {
            // A diverged run's NaN losses have no place on the axis: the line shows the finite points.
            canvas.line(s.points.filter { $0.y.isFinite }.map { axes.pixel($0.x, $0.y) }, color: s.color, width: 2, dash: s.dashed ? [7, 4] : [])
        }
        canvas.unclip()
        Legend.draw(series.map { LegendEntry(label: $0.label, color: $0.color, dashed: $0.dashed) }, on: canvas,
                    in: (axes.left, axes.top, axes.width, axes.height), corner: legendCorner)
        return canvas
    }
}
