import Foundation
import Rendering
import Scenes

/// Turns a `Basins` result into the small multiples the Rendering module draws.
public enum BasinPicture {
    /// One colour per minimum, clear of the greys that mean "no minimum".
    static let minimumColors: [Color] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf]
        .map { Color(hex: $0) }
    static let notConvergedColor = Color(hex: 0xd0d0d0), divergedColor = Color(hex: 0x484848)

    /// A basin map as small multiples: a panel per optimizer, a colour per minimum.
    public static func maps(_ basins: Basins) -> CategoryMaps {
        let scene = basins.scene, minima = scene.surface.minima
        let categories = minima.enumerated().map { i, m in
            LegendEntry(label: String(format: "(%.3g, %.3g)", m.x, m.y), color: minimumColors[i % minimumColors.count])
        } + [LegendEntry(label: "did not converge", color: notConvergedColor), LegendEntry(label: "diverged", color: divergedColor)]
        let runs = scene.runs
        let panels = zip(scene.runners.indices, basins.outcomes).map { r, outcomes in
            CategoryMaps.Panel(title: scene.runners[r].label, cells: outcomes.map { outcome in
                switch outcome {
                case let .minimum(i): i
                case .notConverged: minima.count
                case .diverged: minima.count + 1
                }
            }, strength: runs > 1 ? basins.agreement[r] : nil)
        }
        let how = runs > 1 ? "most often, over \(runs) runs (paler: fewer agree)" : "after \(scene.steps) steps"
        return CategoryMaps(title: "\(scene.title): where each start ends \(how)",
                            columns: basins.columns, rows: basins.rows, x: scene.window.x, y: scene.window.y,
                            categories: categories, panels: panels, marks: minima.map { ($0.x, $0.y) })
    }
}
