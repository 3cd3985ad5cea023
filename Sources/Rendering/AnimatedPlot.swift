/// A picture animated step by step: a background drawn once, what has settled drawn once onto a
/// running copy of it, and each frame drawn over a copy of that.
public protocol AnimatedPlot: Sendable {
    /// Everything that does not change from frame to frame, on a `width` × `height` canvas.
    func background(width: Int, height: Int) throws -> Canvas
    /// Adds what settles after step `after` (nil: from the start) up to `through`: the parts a
    /// frame at `through` shows that every later frame shows unchanged (a path's finished trace).
    /// Drawn in pieces over rising steps or at once, the pixels must be the same.
    func drawSettled(on canvas: Canvas, width: Int, height: Int, after: Int?, through: Int)
    /// Adds what changes at `step` to a copy of `background(width:height:)` that fills the
    /// top-left `width` × `height` of `canvas` (the rest of the canvas may hold a panel) and
    /// holds what has settled by `step`.
    func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int)
}

extension AnimatedPlot {
    /// `background` plus what the paths look like at `step`.
    public func frame(over background: Raster, step: Int) throws -> Canvas {
        let canvas = try Canvas(copying: background)
        drawSettled(on: canvas, width: canvas.width, height: canvas.height, after: nil, through: step)
        drawFrame(on: canvas, width: canvas.width, height: canvas.height, step: step)
        return canvas
    }
}

/// Frames of one plot in rising step order: what settles between two frames is drawn once onto
/// a running layer, and each frame draws only what changes over a copy of it. A frame equals
/// ``AnimatedPlot/frame(over:step:)`` pixel for pixel, at a cost that follows what is new.
public final class FrameSequence {
    let plot: any AnimatedPlot
    let layer: Canvas
    private var reached: Int?

    /// A sequence of `plot`'s frames over a copy of `background`.
    public init(plot: any AnimatedPlot, background: Raster) throws {
        self.plot = plot
        layer = try Canvas(copying: background)
    }

    /// The frame at `step`, which is not before the last frame's.
    public func frame(step: Int) throws -> Canvas {
        precondition(reached.map { step >= $0 } ?? true, "frames in rising step order")
        if step != reached {
            plot.drawSettled(on: layer, width: layer.width, height: layer.height, after: reached, through: step)
            reached = step
        }
        let canvas = try Canvas(copying: layer)
        plot.drawFrame(on: canvas, width: canvas.width, height: canvas.height, step: step)
        return canvas
    }
}

extension TrajectoryPlot: AnimatedPlot {}
extension PerspectivePlot: AnimatedPlot {}
