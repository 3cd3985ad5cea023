import Foundation

/// Small multiples of category grids sharing one legend: a basin map, one panel per optimizer,
/// each start coloured by where its run ended.
public struct CategoryMaps: Sendable {
    /// One panel: `cells[row * columns + column]` indexes ``categories``; row 0 is the top.
    public struct Panel: Sendable {
        /// The panel's title (an optimizer's name).
        public var title: String
        /// Each cell's category.
        public var cells: [Int]
        /// How sure each cell is, 0 to 1 (a share of runs): its colour paler the less; nil: all sure.
        public var strength: [Double]?
        /// A panel titled `title` of `cells`, each as sure as `strength` says.
        public init(title: String, cells: [Int], strength: [Double]? = nil) {
            self.title = title
            self.cells = cells
            self.strength = strength
        }
    }

    /// The picture's title.
    public var title: String
    /// Cells per panel, across and down.
    public var columns: Int, rows: Int
    /// The data ranges the cells cover.
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    /// The categories' colours and names, in the shared legend.
    public var categories: [LegendEntry]
    /// One panel each.
    public var panels: [Panel]
    /// Points starred in every panel (the minima).
    public var marks: [(x: Double, y: Double)]

    /// Small multiples of `panels` over the grid, sharing `categories`, starring `marks`.
    public init(title: String, columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                categories: [LegendEntry], panels: [Panel], marks: [(x: Double, y: Double)]) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.x = x
        self.y = y
        self.categories = categories
        self.panels = panels
        self.marks = marks
    }

    /// Panels `panelWidth` wide in rows of up to four, the legend along the bottom.
    public func render(panelWidth: Int = 300) throws -> Canvas {
        let perRow = min(4, max(panels.count, 1)), panelRows = (panels.count + perRow - 1) / perRow
        let panelHeight = Int((Double(panelWidth) * Double(rows) / Double(columns)).rounded())
        let gap = 14, top = 56, titleBand = 22, legendHeight = 40
        let width = perRow * panelWidth + (perRow + 1) * gap
        let height = top + panelRows * (panelHeight + titleBand + gap) + legendHeight
        let canvas = try Canvas(width: width, height: height)
        canvas.text(title, at: PixelPoint(Double(width) / 2, 32), size: 18, anchor: .center, bold: true)
        for (n, panel) in panels.enumerated() {
            let left = gap + (n % perRow) * (panelWidth + gap)
            let top = top + (n / perRow) * (panelHeight + titleBand + gap) + titleBand
            canvas.text(panel.title, at: PixelPoint(Double(left) + Double(panelWidth) / 2, Double(top) - 6), size: 14,
                        anchor: .center, bold: true)
            canvas.setPixels(x: left, y: top, width: panelWidth, height: panelHeight) { px, py in
                let c = min(px * columns / panelWidth, columns - 1), r = min(py * rows / panelHeight, rows - 1)
                let color = categories[panel.cells[r * columns + c]].color
                return panel.strength.map { color.mixed(with: .white, 0.85 * (1 - $0[r * columns + c])) } ?? color
            }
            canvas.rectangle(x: Double(left), y: Double(top), width: Double(panelWidth), height: Double(panelHeight),
                             stroke: .darkGray, lineWidth: 1)
            let axes = Axes(left: Double(left), top: Double(top), width: Double(panelWidth), height: Double(panelHeight), x: x, y: y)
            for m in marks { canvas.star(axes.pixel(m.x, m.y), radius: 7, fill: .white, stroke: .black) }
        }
        drawLegend(on: canvas, y: Double(height - legendHeight / 2))
        return canvas
    }

    /// The categories in one centred row of colour swatches.
    func drawLegend(on canvas: Canvas, y: Double) {
        let size = 13.0, swatch = 14.0, spacing = 22.0
        let widths = categories.map { swatch + 6 + canvas.textWidth($0.label, size: size) }
        var x = (Double(canvas.width) - widths.reduce(0, +) - spacing * Double(categories.count - 1)) / 2
        for (entry, w) in zip(categories, widths) {
            canvas.rectangle(x: x, y: y - swatch / 2, width: swatch, height: swatch, fill: entry.color, stroke: .darkGray)
            canvas.text(entry.label, at: PixelPoint(x + swatch + 6, y + size * 0.35), size: size)
            x += w + spacing
        }
    }
}
