/// Paths drawn over a cached background, as far as a given step: the path so far faint, the
/// recent tail brightening toward a head marker (a cross once the path has diverged), then the
/// legend and the step counter. Shared by the flat and the perspective view.
struct PathOverlay {
    let paths: [PathLayer]
    let tail: Int

    /// `pixels[i]` is path i projected to the canvas, point for point.
    func draw(on canvas: Canvas, clip rect: (x: Double, y: Double, width: Double, height: Double), step: Int,
              pixels: [[PixelPoint]]) {
        canvas.clip(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        for (path, projected) in zip(paths, pixels) {
            let last = min(step, path.points.count - 1)
            let shown = projected[0...last]
            canvas.line(Array(shown), color: path.color, width: 1.5, alpha: 0.45)
            let tailStart = max(0, last - tail), segments = 8
            for s in 0..<segments where last > tailStart {
                let from = tailStart + (last - tailStart) * s / segments
                let to = tailStart + (last - tailStart) * (s + 1) / segments
                guard to > from else { continue }
                let t = Double(s + 1) / Double(segments)
                canvas.line(Array(shown[from...to]), color: path.color, width: 1.5 + 1.5 * t, alpha: 0.25 + 0.75 * t)
            }
            let head = shown[last]
            if ended(path, at: step) {
                for d in [(-6.0, -6.0, 6.0, 6.0), (-6, 6, 6, -6)] {
                    canvas.line([PixelPoint(head.x + d.0, head.y + d.1), PixelPoint(head.x + d.2, head.y + d.3)], color: path.color, width: 3)
                }
            } else {
                canvas.circle(head, radius: 5.5, fill: path.color, stroke: .black, lineWidth: 1.2)
            }
        }
        canvas.unclip()
        let entries = paths.map { LegendEntry(label: ended($0, at: step) ? "\($0.label) (diverged)" : $0.label, color: $0.color) }
        Legend.draw(entries, on: canvas, in: rect, corner: .topRight, fontSize: 12,
                    background: Color(hex: 0x202020), textColor: .white)
        let counter = "step \(step)"
        let boxWidth = canvas.textWidth(counter, size: 14, bold: true) + 16
        canvas.rectangle(x: rect.x + 8, y: rect.y + rect.height - 36, width: boxWidth, height: 26,
                         fill: Color(hex: 0x202020), fillAlpha: 0.85)
        canvas.text(counter, at: PixelPoint(rect.x + 16, rect.y + rect.height - 18), size: 14, color: .white, bold: true)
    }

    /// A diverged path is marked once the frame has reached its end.
    func ended(_ path: PathLayer, at step: Int) -> Bool {
        path.diverged && step >= path.points.count - 1
    }
}
