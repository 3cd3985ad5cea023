import FashionMNIST
import Foundation
import Rendering
import ScenePictures

/// The landscape drawn as the toy surfaces are: filled contours of the loss on the plane, every
/// optimizer's projected path in its colour with a dot at each snapshot and a star at its final
/// weights; under it, each optimizer's true loss at its snapshots (solid) beside the plane's loss
/// at the projected point (light), so the projection's faithfulness shows.
public struct LandscapePicture {
    /// One optimizer's snapshots, projected.
    struct Path {
        let name: String, label: String
        let steps: [Int]
        let points: [(a: Double, b: Double)]
        let loss: [Double], planeLoss: [Double]
    }

    let grid: LandscapeGrid
    let plane: LossPlane
    let paths: [Path]
    let title: String

    /// The field shown: log10 of the loss, whose range on a plane spans decades.
    var field: ScalarGrid { Self.field(of: grid) }

    /// log10 of a grid's loss, its first row at the bottom.
    static func field(of grid: LandscapeGrid) -> ScalarGrid {
        let values = (0..<grid.rows).flatMap { r in
            (0..<grid.columns).map { c in log10(grid.loss[(grid.rows - 1 - r) * grid.columns + c] ?? .nan) }
        }
        return ScalarGrid(columns: grid.columns, rows: grid.rows, x: grid.a, y: grid.b, values: values)
    }

    /// The axis title of a direction, with its share of the squared displacement for the PCA plane.
    static func axisTitle(_ name: String, share: Double?) -> String {
        share.map { String(format: "%@ (%.1f %% of the displacement)", name, 100 * $0) } ?? name
    }

    var plot: PanelledPlot {
        var map = TrajectoryPlot(title: title, field: field, minima: paths.map { $0.points.last! }.map { ($0.a, $0.b) },
                                 paths: paths.map { path in
                                     var layer = PathLayer(label: path.label, color: PathColors.color(of: path.name),
                                                           points: path.points.map { ($0.a, $0.b) }, diverged: false, steps: path.steps)
                                     layer.marksPoints = true
                                     return layer
                                 })
        map.xLabel = Self.axisTitle(plane.names.0, share: plane.explained?.0)
        map.yLabel = Self.axisTitle(plane.names.1, share: plane.explained?.1)
        let curves = paths.flatMap { path in
            let color = PathColors.color(of: path.name)
            return [StepChart.Curve(color: color, steps: path.steps, values: path.loss),
                    StepChart.Curve(color: color, steps: path.steps, values: path.planeLoss, dashed: true)]
        }
        let chart = StepChart(title: "loss at each snapshot (solid) and the plane's loss where it projects (dashed)",
                              curves: curves, lastStep: frameSteps.last!, logarithmic: true)
        return PanelledPlot(main: map, panel: chart)
    }

    /// One frame per snapshot step of any optimizer, the last held a while.
    var frameSteps: [Int] {
        let steps = Set(paths.flatMap(\.steps)).sorted()
        return steps + Array(repeating: steps.last!, count: 4)
    }
}
