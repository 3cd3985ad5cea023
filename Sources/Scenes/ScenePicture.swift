import Foundation
import Rendering
import Surfaces

/// Turns a scene and its paths into the plain geometry the Rendering module draws.
public struct ScenePicture: Sendable {
    public let scene: Scene
    public let paths: [Trajectory]

    public init(scene: Scene, paths: [Trajectory]) {
        self.scene = scene
        self.paths = paths
    }

    /// The value shown for a loss: `log(1 + f - fmin)` on log-scaled surfaces, `f` otherwise.
    func shown(_ f: Double, floor: Double) -> Double {
        scene.surface.colorScale == .log ? log1p(max(f - floor, 0)) : f
    }

    /// `f` sampled on a grid over the scene's window.
    func rawGrid(columns: Int, rows: Int) -> ScalarGrid {
        let surface = scene.surface
        return ScalarGrid(columns: columns, rows: rows, x: scene.window.x, y: scene.window.y) { surface.value(at: Point($0, $1)) }
    }

    /// The lowest value to expect: the surface's minimum, or the grid's when it has none listed.
    func floorValue(_ raw: ScalarGrid) -> Double {
        let surface = scene.surface
        return surface.minima.first.map { surface.value(at: $0) } ?? raw.range.lowerBound
    }

    /// `raw` on the shown scale.
    func shown(_ raw: ScalarGrid, floor: Double) -> ScalarGrid {
        ScalarGrid(columns: raw.columns, rows: raw.rows, x: raw.x, y: raw.y, values: raw.values.map { shown($0, floor: floor) })
    }

    var layers: [PathLayer] {
        paths.enumerated().map { i, path in
            PathLayer(label: path.runner.label, color: Color.series[i % Color.series.count],
                      points: path.points.map { ($0.x, $0.y) }, diverged: path.divergedAt != nil)
        }
    }

    /// The flat view: filled contours at half the plot's pixel resolution.
    public var flat: TrajectoryPlot {
        let axes = TrajectoryPlot.axes(width: scene.width, height: scene.height, x: scene.window.x, y: scene.window.y)
        let raw = rawGrid(columns: max(Int(axes.width / 2), 16), rows: max(Int(axes.height / 2), 16))
        let field = shown(raw, floor: floorValue(raw))
        let minima = scene.surface.minima.filter { scene.window.contains($0) }.map { ($0.x, $0.y) }
        return TrajectoryPlot(title: scene.title, field: field, minima: minima, paths: layers)
    }

    /// The perspective view: a 48×48 mesh, paths lifted to their (scaled) loss.
    public var perspective: PerspectivePlot {
        let surface = scene.surface
        let raw = rawGrid(columns: 48, rows: 48)
        // One floor for the mesh, the paths and the minima, so they sit on the same scale.
        let floor = floorValue(raw)
        let heights = shown(raw, floor: floor)
        let lifted = paths.map { $0.losses.map { shown($0, floor: floor) } }
        let minima = surface.minima.filter { scene.window.contains($0) }.map { ($0.x, $0.y, shown(surface.value(at: $0), floor: floor)) }
        return PerspectivePlot(title: scene.title, heights: heights, shades: heights, paths: layers,
                               heightsAlongPaths: lifted, minima: minima)
    }
}
