/// Paths drawn over a cached background, as far as a given step: the path so far faint, the
/// recent tail brightening toward a head marker (a cross once the path has diverged), then the
/// legend and the step counter. Shared by the flat and the perspective view.
///
/// The faint trace is stroked in batches of ``traceBatch`` stroke entries. A batch whose last
/// point a frame has passed is settled: drawn once onto the running layer, ordered by the step
/// that completes it, then by path — so a layer built over many frames equals one built at once.
struct PathOverlay {
    let paths: [PathLayer]
    let style: PathStyle

    /// Stroke entries per trace batch: one stroke each (Cairo tessellates a stroke as one shape,
    /// at a cost that grows with the square of its self-crossings).
    static let traceBatch = 16

    /// The trace's finished batches that settle after `after` (nil: from the start) up to
    /// `through`. `project(path, k)` is point k of path `path` on the canvas.
    func drawSettled(on canvas: Canvas, clip rect: (x: Double, y: Double, width: Double, height: Double), after: Int?, through: Int,
                     project: (Int, Int) -> PixelPoint) {
        var batches: [(step: Int, path: Int, batch: Int)] = []
        for (p, path) in paths.enumerated() {
            let from = after.map { settledBatches(path, step: $0) } ?? 0
            for b in from..<max(from, settledBatches(path, step: through)) {
                batches.append((path.step(ofPoint: PathDecimation.index(path.strokes[(b + 1) * Self.traceBatch])), p, b))
            }
        }
        guard !batches.isEmpty else { return }
        batches.sort { ($0.step, $0.path, $0.batch) < ($1.step, $1.path, $1.batch) }
        canvas.clip(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        for (_, p, b) in batches {
            let entries = paths[p].strokes[b * Self.traceBatch...(b + 1) * Self.traceBatch]
            canvas.lines(stretches(entries) { project(p, $0) }, color: paths[p].color, width: style.traceWidth, alpha: style.traceAlpha,
                         batch: Self.traceBatch)
        }
        canvas.unclip()
    }

    /// The trace's stroke entries reached at `step`.
    func reachedEntries(_ path: PathLayer, step: Int) -> Int {
        let last = path.index(atStep: step)
        return path.strokes.partitionPoint { PathDecimation.index($0) > last }
    }

    /// The trace's batches finished at `step` (a batch's last entry is the next one's first).
    func settledBatches(_ path: PathLayer, step: Int) -> Int { max(0, (reachedEntries(path, step: step) - 1) / Self.traceBatch) }

    /// Stroke entries as polylines, a new one after each move.
    func stretches(_ entries: ArraySlice<Int>, project: (Int) -> PixelPoint) -> [[PixelPoint]] {
        var stretches: [[PixelPoint]] = [[]]
        for entry in entries {
            if entry < 0 { stretches.append([]) }
            stretches[stretches.count - 1].append(project(PathDecimation.index(entry)))
        }
        return stretches
    }

    /// Everything at `step` over a layer holding the settled traces (``drawSettled``): each
    /// trace's unfinished batch, the tail and the head, so a frame costs what is new.
    func draw(on canvas: Canvas, layout: PlotLayout, clip rect: (x: Double, y: Double, width: Double, height: Double), step: Int,
              project: (Int, Int) -> PixelPoint) {
        canvas.clip(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        for (p, path) in paths.enumerated() {
            let last = path.index(atStep: step)
            // The faint trace from its last settled batch to the head.
            let settled = settledBatches(path, step: step) * Self.traceBatch
            var open = stretches(path.strokes[settled..<reachedEntries(path, step: step)]) { project(p, $0) }
            open[open.count - 1].append(project(p, last))
            canvas.lines(open, color: path.color, width: style.traceWidth, alpha: style.traceAlpha, batch: Self.traceBatch)
            if path.marksPoints {
                for k in 0..<last { canvas.circle(project(p, k), radius: layout.mark(2.5), fill: path.color, stroke: .black, lineWidth: layout.mark(0.6)) }
            }
            // The tail: the last steps, every one of them, brightening toward the head.
            let tailStart = max(0, last - style.tail), segments = style.tailSegments
            let tailPoints = (tailStart...last).map { project(p, $0) }
            for s in 0..<segments where last > tailStart {
                let from = (last - tailStart) * s / segments, to = (last - tailStart) * (s + 1) / segments
                guard to > from else { continue }
                let piece = style.tailPiece(s)
                canvas.line(Array(tailPoints[from...to]), color: path.color, width: piece.width, alpha: piece.alpha)
            }
            let head = tailPoints.last!
            if path.ended(at: step) {
                let arm = layout.mark(style.crossArm)
                for d in [(-arm, -arm, arm, arm), (-arm, arm, arm, -arm)] {
                    canvas.line([PixelPoint(head.x + d.0, head.y + d.1), PixelPoint(head.x + d.2, head.y + d.3)], color: path.color,
                                width: layout.mark(style.crossWidth))
                }
            } else {
                canvas.circle(head, radius: layout.mark(style.headRadius), fill: path.color, stroke: .black, lineWidth: layout.mark(style.headOutline))
            }
        }
        canvas.unclip()
        guard layout.showsText else { return }
        let entries = paths.map { LegendEntry(label: $0.ended(at: step) ? "\($0.label) (diverged)" : $0.label, color: $0.color) }
        let legend = LegendStyle.standard
        Legend.draw(entries, on: canvas, in: rect, corner: .topRight, fontSize: layout.text(legend.mapFontSize),
                    background: Color(hex: UInt32(legend.mapBackground.dropFirst(), radix: 16) ?? 0),
                    textColor: Color(hex: UInt32(legend.mapText.dropFirst(), radix: 16) ?? 0xffffff))
        let counter = "step \(step)", size = layout.text(14), k = size / 14
        let boxWidth = canvas.textWidth(counter, size: size, bold: true) + 16 * k
        canvas.rectangle(x: rect.x + 8 * k, y: rect.y + rect.height - 36 * k, width: boxWidth, height: 26 * k,
                         fill: Color(hex: 0x202020), fillAlpha: 0.85)
        canvas.text(counter, at: PixelPoint(rect.x + 16 * k, rect.y + rect.height - 18 * k), size: size, color: .white, bold: true)
    }
}
