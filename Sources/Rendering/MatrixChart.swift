import Foundation

/// Matrices with named rows and columns, drawn side by side on one colour scale with each value
/// written in its cell: the loss barriers between minima before and after their hidden units
/// are aligned.
public struct MatrixChart: Sendable {
    /// One matrix under its own title; a nil value (the diagonal) is drawn as an empty grey cell.
    public struct Panel: Sendable {
        /// The title over the matrix.
        public var title: String
        /// `values[row][column]`.
        public var values: [[Double?]]
        /// A short line under a cell's value (`100 units moved`), by row and column; nil for none.
        public var notes: [[String?]]?
        /// A matrix titled `title`.
        public init(title: String, values: [[Double?]], notes: [[String?]]? = nil) {
            self.title = title
            self.values = values
            self.notes = notes
        }
    }

    /// The chart's title and the line under it (what the values are).
    public var title: String, caption: String
    /// The rows' names and the columns', in order.
    public var rows: [String], columns: [String]
    /// The matrices, left to right.
    public var panels: [Panel]
    /// How a value is written in its cell.
    public var format = "%.3g"

    /// Matrices of `rows` × `columns`.
    public init(title: String, caption: String, rows: [String], columns: [String], panels: [Panel]) {
        precondition(panels.allSatisfy { $0.values.count == rows.count && $0.values.allSatisfy { $0.count == columns.count } })
        self.title = title
        self.caption = caption
        self.rows = rows
        self.columns = columns
        self.panels = panels
    }

    /// Renders the chart on a new white canvas; the colours run over viridis from 0 to the largest value.
    public func render(width: Int = 1400, height: Int = 700) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        canvas.text(title, at: PixelPoint(Double(width) / 2, 34), size: 22, anchor: .center, bold: true)
        canvas.text(caption, at: PixelPoint(Double(width) / 2, 60), size: 15, color: .darkGray, anchor: .center)
        let largest = panels.flatMap { $0.values.joined().compactMap { $0 } }.filter(\.isFinite).max() ?? 0
        let across = Double(columns.count), down = Double(rows.count), labelSize = 15.0
        let labelWidth = (rows.map { canvas.textWidth($0, size: labelSize) }.max() ?? 0) + 16
        let panelWidth = Double(width) / Double(panels.count), top = 130.0
        let cell = max(8, min((panelWidth - labelWidth - 40) / across, (Double(height) - top - 30) / down))
        for (p, panel) in panels.enumerated() {
            let left = Double(p) * panelWidth + (panelWidth - labelWidth - cell * across) / 2 + labelWidth
            canvas.text(panel.title, at: PixelPoint(left + cell * across / 2, top - 40), size: 17, anchor: .center, bold: true)
            for (k, label) in columns.enumerated() {
                canvas.text(label, at: PixelPoint(left + (Double(k) + 0.5) * cell, top - 10), size: labelSize, anchor: .center)
            }
            for (k, label) in rows.enumerated() {
                canvas.text(label, at: PixelPoint(left - 10, top + (Double(k) + 0.5) * cell + labelSize / 3), size: labelSize, anchor: .right)
            }
            for (r, row) in panel.values.enumerated() {
                for (c, value) in row.enumerated() {
                    let x = left + Double(c) * cell, y = top + Double(r) * cell
                    guard let value else {
                        canvas.rectangle(x: x, y: y, width: cell, height: cell, fill: .lightGray, stroke: .white, lineWidth: 2)
                        continue
                    }
                    let t = largest > 0 ? value / largest : 0
                    canvas.rectangle(x: x, y: y, width: cell, height: cell, fill: ColorMap.viridis.color(at: t), stroke: .white, lineWidth: 2)
                    let ink: Color = t > 0.6 ? .black : .white, note = panel.notes?[r][c]
                    canvas.text(String(format: format, value), at: PixelPoint(x + cell / 2, y + cell / 2 + (note == nil ? 6 : 0)),
                                size: min(18, cell / 4), color: ink, anchor: .center)
                    if let note { canvas.text(note, at: PixelPoint(x + cell / 2, y + cell / 2 + 22), size: min(13, cell / 6), color: ink, anchor: .center) }
                }
            }
        }
        return canvas
    }
}
