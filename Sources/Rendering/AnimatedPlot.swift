/// A picture animated step by step: a background drawn once, and frames drawn over a copy of it.
public protocol AnimatedPlot: Sendable {
    /// Everything that does not change from frame to frame, on a `width` × `height` canvas.
    func background(width: Int, height: Int) -> Canvas
    /// Adds what changes at `step` to a copy of `background(width:height:)` that fills the
    /// top-left `width` × `height` of `canvas` (the rest of the canvas may hold a panel).
    func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int)
}

extension AnimatedPlot {
    /// `background` plus what the paths look like at `step`.
    public func frame(over background: Raster, step: Int) -> Canvas {
        let canvas = Canvas(copying: background)
        drawFrame(on: canvas, width: canvas.width, height: canvas.height, step: step)
        return canvas
    }
}

extension TrajectoryPlot: AnimatedPlot {}
extension PerspectivePlot: AnimatedPlot {}
