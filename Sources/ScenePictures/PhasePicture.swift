import Foundation
import Rendering
import Scenes

/// Turns a `PhaseMap` into the heat map the Rendering module draws.
public enum PhasePicture {
    /// The diverged cells' colour (the basin maps' dark grey) and the never-reached cells' (their light grey).
    public static let divergedColor = Color(hex: 0x484848), notReachedColor = Color(hex: 0xd0d0d0)

    /// The map on a log colour scale, diverged cells dark grey, the scene's own setting starred.
    public static func heatMap(_ map: PhaseMap) -> HeatMap {
        let scene = map.scene
        var categories = [LegendEntry(label: "diverged", color: divergedColor)]
        if map.metric == .stepsToTolerance { categories.append(LegendEntry(label: "not reached", color: notReachedColor)) }
        let valueLabel = switch map.metric {
        case .finalGap: "loss above the minimum"
        case .stepsToTolerance: String(format: "steps to within %g", map.tolerance)
        }
        let what = map.metric == .finalGap ? "after \(scene.steps) steps" : "within \(scene.steps) steps"
        var heatMap = HeatMap(
            title: "\(map.runner.label) on \(scene.title): \(valueLabel) \(what)",
            x: HeatMap.Axis(label: map.x.key, range: map.x.from...map.x.to, logarithmic: map.x.logarithmic),
            y: HeatMap.Axis(label: map.y.key, range: map.y.from...map.y.to, logarithmic: map.y.logarithmic),
            columns: map.columns, rows: map.rows, values: map.values,
            categoryOf: zip(map.values, map.divergedAt).map { value, diverged in value.isNaN ? (diverged == nil ? 1 : 0) : nil },
            categories: categories, valueLabel: valueLabel, mark: (map.ownValue(map.x.key), map.ownValue(map.y.key)))
        // Gaps below 1e-16 of the start's gap are rounding: they share the lowest colour; gaps above
        // the start's (runs that got worse, nearly diverged) share the highest.
        if map.metric == .finalGap {
            let startGap = max(scene.surface.value(at: scene.start) - map.lowest, 1e-300)
            (heatMap.colorFloor, heatMap.colorCeiling) = (1e-16 * startGap, startGap)
        }
        return heatMap
    }
}
