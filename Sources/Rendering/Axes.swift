import Foundation

/// A plot area in pixels and the data ranges it maps, with ticks, grid and labels.
public struct Axes: Sendable {
    /// The plot rectangle in pixels.
    public var left: Double, top: Double, width: Double, height: Double
    /// The data ranges the rectangle maps, x left to right, y bottom to top.
    public var x: ClosedRange<Double>, y: ClosedRange<Double>

    /// A plot rectangle in pixels mapping the data ranges `x` and `y`.
    public init(left: Double, top: Double, width: Double, height: Double, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.x = x
        self.y = y
    }

    /// Data to pixels.
    public func pixel(_ dx: Double, _ dy: Double) -> PixelPoint {
        PixelPoint(left + (dx - x.lowerBound) / (x.upperBound - x.lowerBound) * width,
                   top + (y.upperBound - dy) / (y.upperBound - y.lowerBound) * height)
    }

    /// About `count` round tick values (1, 2, 2.5 or 5 times a power of ten) inside `range`.
    public static func ticks(_ range: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / Double(count)
        let power = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let first = Int(ceil(range.lowerBound / step - 1e-9)), last = Int(floor(range.upperBound / step + 1e-9))
        // Round away the binary noise of k * step (0.6000000000000001 -> 0.6).
        return (first...max(first, last)).map { Double(String(format: "%.12g", Double($0) * step))! }
    }

    /// Tick labels without trailing noise, all with the same decimals: `0.6 … 1.0`, `-4 … 4`.
    public static func labels(_ ticks: [Double]) -> [String] {
        let decimals = ticks.map { v -> Int in
            let s = String(format: "%.6g", v)
            return s.firstIndex(of: ".").map { s.distance(from: $0, to: s.endIndex) - 1 } ?? 0
        }.max() ?? 0
        return ticks.map { v in
            let s = String(format: "%.\(decimals)f", v)
            return Double(s) == 0 ? String(format: "%.\(decimals)f", 0.0) : s
        }
    }

    /// Draws the frame, optional grid lines, tick labels and the axis titles; `xTickLabel` and
    /// `yTickLabel` name the ticks when their values are not what to print (e.g. log10 of the data).
    public func draw(on canvas: Canvas, xLabel: String, yLabel: String, grid: Bool, color: Color = .darkGray,
                     fontSize: Double = 13, xTicks: [Double]? = nil, yTicks: [Double]? = nil,
                     xTickLabel: ((Double) -> String)? = nil, yTickLabel: ((Double) -> String)? = nil) {
        let xs = xTicks ?? Self.ticks(x), ys = yTicks ?? Self.ticks(y)
        let xLabels = xTickLabel.map { xs.map($0) } ?? Self.labels(xs)
        let yLabels = yTickLabel.map { ys.map($0) } ?? Self.labels(ys)
        for (t, label) in zip(xs, xLabels) {
            let p = pixel(t, y.lowerBound)
            if grid { canvas.line([PixelPoint(p.x, top), PixelPoint(p.x, top + height)], color: .lightGray, width: 1) }
            canvas.line([p, PixelPoint(p.x, p.y + 5)], color: color, width: 1)
            // A label centred on its tick, but kept inside the image (a long last label at the edge).
            let half = canvas.textWidth(label, size: fontSize) / 2
            let centre = min(max(p.x, half + 2), Double(canvas.width) - half - 2)
            canvas.text(label, at: PixelPoint(centre, p.y + 8 + fontSize), size: fontSize, color: color, anchor: .center)
        }
        for (t, label) in zip(ys, yLabels) {
            let p = pixel(x.lowerBound, t)
            if grid { canvas.line([PixelPoint(left, p.y), PixelPoint(left + width, p.y)], color: .lightGray, width: 1) }
            canvas.line([PixelPoint(p.x - 5, p.y), p], color: color, width: 1)
            canvas.text(label, at: PixelPoint(p.x - 8, p.y + fontSize * 0.35), size: fontSize, color: color, anchor: .right)
        }
        canvas.rectangle(x: left, y: top, width: width, height: height, stroke: color, lineWidth: 1)
        canvas.text(xLabel, at: PixelPoint(left + width / 2, top + height + 2 * fontSize + 16), size: fontSize + 1,
                    color: color, anchor: .center)
        let widest = yLabels.map { canvas.textWidth($0, size: fontSize) }.max() ?? 0
        canvas.text(yLabel, at: PixelPoint(left - widest - 20, top + height / 2), size: fontSize + 1, color: color,
                    anchor: .center, rotated: true)
    }
}
