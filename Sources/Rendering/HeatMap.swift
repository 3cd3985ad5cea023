import Foundation

/// A grid of positive values coloured on a log scale, with a colour bar: a phase diagram.
/// Cells without a value take the colour of their category (diverged, never reached, …),
/// named in a legend under the bar.
public struct HeatMap: Sendable {
    /// One axis: its label, its range and whether cells are spread evenly in log10.
    public struct Axis: Sendable {
        /// The axis title.
        public var label: String
        /// The range the cells span.
        public var range: ClosedRange<Double>
        /// A logarithmic axis.
        public var logarithmic: Bool
        /// An axis titled `label` over `range`.
        public init(label: String, range: ClosedRange<Double>, logarithmic: Bool) {
            self.label = label
            self.range = range
            self.logarithmic = logarithmic
        }

        /// The range in the axis's own units (log10 of the data on a log axis).
        var span: ClosedRange<Double> { logarithmic ? log10(range.lowerBound)...log10(range.upperBound) : range }
        func place(_ value: Double) -> Double { logarithmic ? log10(value) : value }
        /// Ticks in the axis's units: the powers of ten (and 2, 5 times them when few) on a log axis.
        var ticks: [Double] {
            guard logarithmic else { return Axes.ticks(range) }
            let all = LineChart.logTicks(span)
            let powers = all.filter { $0 == $0.rounded() }
            return powers.count >= 2 ? powers : all
        }
        func tickLabel(_ tick: Double) -> String { logarithmic ? String(format: "%g", pow(10, tick)) : String(format: "%g", tick) }
    }

    /// The title over the map.
    public var title: String
    /// The axes: columns run along `x`, rows along `y`.
    public var x: Axis, y: Axis
    /// The grid's size.
    public var columns: Int, rows: Int
    /// Each cell's value, `rows` × `columns` from the top row; NaN for a cell of a category.
    public var values: [Double]
    /// Each NaN cell's category (an index into `categories`); nil elsewhere.
    public var categoryOf: [Int?]
    /// The colours and names of the categories.
    public var categories: [LegendEntry]
    /// The colour bar's title.
    public var valueLabel: String
    /// A point to star (the setting a scene uses), in data units.
    public var mark: (x: Double, y: Double)?
    /// The smallest value coloured apart; smaller ones (and zero) take the lowest colour. Nil:
    /// 24 decades below the largest value.
    public var colorFloor: Double?
    /// The largest value coloured apart; larger ones take the highest colour. Nil: the largest value.
    public var colorCeiling: Double?

    /// A heat map of `values` over `x` × `y`.
    public init(title: String, x: Axis, y: Axis, columns: Int, rows: Int, values: [Double], categoryOf: [Int?],
                categories: [LegendEntry], valueLabel: String, mark: (x: Double, y: Double)?) {
        precondition(values.count == columns * rows && categoryOf.count == values.count)
        (self.title, self.x, self.y, self.columns, self.rows) = (title, x, y, columns, rows)
        (self.values, self.categoryOf, self.categories, self.valueLabel, self.mark) = (values, categoryOf, categories, valueLabel, mark)
    }

    /// The log10 range the colours span: the finite positive values', between ``colorFloor`` and ``colorCeiling``
    /// (a run converged to rounding, 1e-300, takes the lowest colour; so does zero).
    public var colorSpan: ClosedRange<Double> {
        let logs = values.filter { $0 > 0 && $0.isFinite }.map(log10)
        let high = min(logs.max() ?? 1, colorCeiling.map(log10) ?? .infinity), low = max(logs.min() ?? 0, colorFloor.map(log10) ?? high - 24)
        return low...max(high, low + 1e-9)
    }

    /// Powers of ten inside `span`, every one, or every second, third… so that at most seven are labelled.
    static func barTicks(_ span: ClosedRange<Double>) -> [Double] {
        let powers = Array(Int(ceil(span.lowerBound))...max(Int(ceil(span.lowerBound)), Int(floor(span.upperBound)))).map(Double.init)
            .filter { span.contains($0) }
        let every = max(1, (powers.count + 6) / 7)
        return powers.enumerated().filter { $0.offset % every == 0 }.map(\.element)
    }

    func color(_ value: Double, in span: ClosedRange<Double>) -> Color {
        let t = value > 0 ? (log10(value) - span.lowerBound) / (span.upperBound - span.lowerBound) : 0
        return ColorMap.viridis.color(at: t)
    }

    /// Renders the map at `width` × `height` pixels.
    public func render(width: Int = 900, height: Int = 650) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        // The title shrinks to fit the width.
        let titleSize = min(17, 17 * (Double(width) - 30) / max(canvas.textWidth(title, size: 17, bold: true), 1))
        canvas.text(title, at: PixelPoint(Double(width) / 2, 32), size: titleSize, anchor: .center, bold: true)
        let barWidth = 22.0, right = 170.0
        let axes = Axes(left: 90, top: 55, width: Double(width) - 90 - right, height: Double(height) - 130, x: x.span, y: y.span)
        let span = colorSpan
        let cellColors = values.indices.map { i in
            values[i].isNaN ? categories[categoryOf[i] ?? 0].color : color(values[i], in: span)
        }
        canvas.setPixels(x: Int(axes.left), y: Int(axes.top), width: Int(axes.width), height: Int(axes.height)) { px, py in
            let column = min(columns - 1, Int(Double(px) / axes.width * Double(columns)))
            let row = min(rows - 1, Int(Double(py) / axes.height * Double(rows)))
            return cellColors[row * columns + column]
        }
        axes.draw(on: canvas, xLabel: x.label, yLabel: y.label, grid: false, xTicks: x.ticks, yTicks: y.ticks,
                  xTickLabel: x.tickLabel, yTickLabel: y.tickLabel)
        if let mark, mark.x.isFinite, mark.y.isFinite {
            canvas.star(axes.pixel(x.place(mark.x), y.place(mark.y)), radius: 11, fill: .white, stroke: .black)
        }
        // The colour bar, with ticks at the powers of ten, and the categories under it.
        let barLeft = axes.left + axes.width + 25, barTop = axes.top, barHeight = axes.height * 0.6
        canvas.setPixels(x: Int(barLeft), y: Int(barTop), width: Int(barWidth), height: Int(barHeight)) { _, py in
            ColorMap.viridis.color(at: 1 - Double(py) / barHeight)
        }
        canvas.rectangle(x: barLeft, y: barTop, width: barWidth, height: barHeight, stroke: .darkGray)
        let ticks = Self.barTicks(span)
        for tick in ticks.isEmpty ? [span.lowerBound, span.upperBound] : ticks {
            let py = barTop + (span.upperBound - tick) / (span.upperBound - span.lowerBound) * barHeight
            canvas.line([PixelPoint(barLeft + barWidth, py), PixelPoint(barLeft + barWidth + 4, py)], color: .darkGray, width: 1)
            canvas.text(String(format: "%g", pow(10, tick)), at: PixelPoint(barLeft + barWidth + 7, py + 4), size: 11, color: .darkGray)
        }
        canvas.text(valueLabel, at: PixelPoint(Double(width) - 8, barTop - 10), size: 12, color: .darkGray, anchor: .right)
        for (i, category) in categories.enumerated() {
            let top = barTop + barHeight + 20 + Double(i) * 22
            canvas.rectangle(x: barLeft, y: top, width: barWidth, height: 14, fill: category.color, stroke: .darkGray)
            canvas.text(category.label, at: PixelPoint(barLeft + barWidth + 6, top + 12), size: 12)
        }
        return canvas
    }
}
