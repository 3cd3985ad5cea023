import Foundation
import Optimizers
import Surfaces

extension SceneFile {
    /// `scene` in the scene-file format, every hyper-parameter written out, so that loading
    /// the file gives the same scene back.
    public static func encode(_ scene: Scene) throws -> Data {
        let window: [String: Any] = ["x": [scene.window.x.lowerBound, scene.window.x.upperBound],
                                     "y": [scene.window.y.lowerBound, scene.window.y.upperBound]]
        let surface: Any = switch scene.surfaceSource {
        case let .builtIn(name): name
        case let .formula(formula, _, minima): ["formula": formula, "minima": minima.map { [$0.x, $0.y] }] as [String: Any]
        }
        var object: [String: Any] = [
            "title": scene.title, "surface": surface, "window": window, "start": [scene.start.x, scene.start.y],
            "steps": scene.steps, "frames": scene.frames, "size": [scene.width, scene.height],
            "view": scene.view.rawValue, "panel": scene.panel.rawValue,
            "optimizers": scene.runners.map(fields),
        ]
        if scene.runs > 1 { object["runs"] = scene.runs }
        if let size = scene.batchSize { object["batch_size"] = size }
        if !scene.internals.isEmpty { object["internals"] = scene.internals }
        if let noise = scene.noise {
            object["noise"] = ["gradient_std": noise.gradientStd, "seed": noise.seed, "relative": noise.relative] as [String: Any]
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// A runner as its scene-file object, by Keras's names, every hyper-parameter written out.
    public static func fields(_ runner: Runner) -> [String: Any] {
        runner.configuration.kerasFields.merging(["optimizer": runner.name, "label": runner.label]) { $1 }
    }
}
