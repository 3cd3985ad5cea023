/// Paths drawn over a cached background, as far as a given step: the path so far faint, the
/// recent tail brightening toward a head marker (a cross once the path has diverged), then the
/// legend and the step counter. Shared by the flat and the perspective view.
struct PathOverlay {
    let paths: [PathLayer]
    let style: PathStyle

    /// `project(path, k)` is point k of path `path` on the canvas. Only the trace's strokes, the
    /// tail and the head are projected, so a frame costs what is visible, not the step count.
    func draw(on canvas: Canvas, layout: PlotLayout, clip rect: (x: Double, y: Double, width: Double, height: Double), step: Int,
              project: (Int, Int) -> PixelPoint) {
        canvas.clip(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        for (p, path) in paths.enumerated() {
            let last = path.index(atStep: step)
            // The faint trace up to the head, one polyline per stretch between moves.
            let end = path.strokes.partitionPoint { PathDecimation.index($0) > last }
            var stretches: [[PixelPoint]] = [[]]
            for entry in path.strokes[..<end] {
                if entry < 0 { stretches.append([]) }
                stretches[stretches.count - 1].append(project(p, PathDecimation.index(entry)))
            }
            stretches[stretches.count - 1].append(project(p, last))
            canvas.lines(stretches, color: path.color, width: style.traceWidth, alpha: style.traceAlpha)
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
        Legend.draw(entries, on: canvas, in: rect, corner: .topRight, fontSize: layout.text(12),
                    background: Color(hex: 0x202020), textColor: .white)
        let counter = "step \(step)", size = layout.text(14), k = size / 14
        let boxWidth = canvas.textWidth(counter, size: size, bold: true) + 16 * k
        canvas.rectangle(x: rect.x + 8 * k, y: rect.y + rect.height - 36 * k, width: boxWidth, height: 26 * k,
                         fill: Color(hex: 0x202020), fillAlpha: 0.85)
        canvas.text(counter, at: PixelPoint(rect.x + 16 * k, rect.y + rect.height - 18 * k), size: size, color: .white, bold: true)
    }
}
