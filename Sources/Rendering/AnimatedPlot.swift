/// A picture animated step by step: a background drawn once, and frames drawn over a copy of it.
public protocol AnimatedPlot: Sendable {
    /// Everything that does not change from frame to frame.
    func background(width: Int, height: Int) -> Canvas
    /// `background` plus what the paths look like at `step`.
    func frame(over background: Raster, step: Int) -> Canvas
}

extension TrajectoryPlot: AnimatedPlot {}
extension PerspectivePlot: AnimatedPlot {}
