import Foundation
import Optimizers
import Rendering
import Scenes
import Surfaces

/// `GET /api/catalog`: the surfaces, the optimizers with every hyper-parameter's default and
/// allowed range, the example scenes, the path colours and the request limits.
enum Catalog {
    /// A hyper-parameter as the page offers it: allowed values, and the slider's span and scale.
    struct Parameter {
        let key: String
        let minimum: Double, maximum: Double?, maximumIncluded: Bool
        let slider: ClosedRange<Double>
        let logarithmic: Bool

        var json: [String: Any] {
            ["key": key, "type": "number", "min": minimum, "max": maximum ?? NSNull(), "max_included": maximumIncluded,
             "slider": [slider.lowerBound, slider.upperBound], "scale": logarithmic ? "log" : "linear"]
        }
    }

    /// The ranges the rules' `validate()` accepts: rates and epsilons >= 0, decays in [0, 1).
    static func parameter(_ key: String) -> Parameter {
        switch key {
        case "learning_rate": Parameter(key: key, minimum: 0, maximum: nil, maximumIncluded: false, slider: 1e-5...10, logarithmic: true)
        case "epsilon": Parameter(key: key, minimum: 0, maximum: nil, maximumIncluded: false, slider: 1e-10...1, logarithmic: true)
        case "initial_accumulator_value":
            Parameter(key: key, minimum: 0, maximum: nil, maximumIncluded: false, slider: 0...1, logarithmic: false)
        default: Parameter(key: key, minimum: 0, maximum: 1, maximumIncluded: false, slider: 0...0.9999, logarithmic: false)
        }
    }

    /// An optimizer at Keras's defaults: its numbers with their ranges, its switches.
    static func optimizer(_ kind: OptimizerKind) -> [String: Any] {
        let fields = SceneFile.fields(Runner(kind))
        let keys = fields.keys.filter { !["optimizer", "label"].contains($0) }.sorted { a, b in
            a == "learning_rate" || (b != "learning_rate" && a < b)
        }
        let parameters: [[String: Any]] = keys.map { key in
            let value = fields[key]!
            if let flag = value as? Bool { return ["key": key, "type": "bool", "default": flag] }
            var entry = parameter(key).json
            entry["default"] = value
            return entry
        }
        return ["name": kind.name, "label": kind.displayName, "parameters": parameters]
    }

    static func surface(_ surface: any Surface) -> [String: Any] {
        ["name": surface.name, "title": surface.displayName,
         "window": ["x": [surface.window.x.lowerBound, surface.window.x.upperBound],
                    "y": [surface.window.y.lowerBound, surface.window.y.upperBound]],
         "minima": surface.minima.map { [$0.x, $0.y] }, "scale": surface.colorScale.rawValue]
    }

    /// `#rrggbb`
    static func hex(_ color: Color) -> String {
        String(format: "#%02x%02x%02x", Int((color.red * 255).rounded()), Int((color.green * 255).rounded()), Int((color.blue * 255).rounded()))
    }

    /// The catalog's JSON, for these example scenes.
    static func json(examples: [Scene]) throws -> Data {
        let scenes = try examples.map { scene -> [String: Any] in
            ["name": scene.name, "scene": try JSONSerialization.jsonObject(with: try SceneFile.encode(scene))]
        }
        let catalog: [String: Any] = [
            "surfaces": SurfaceCatalog.all.map(surface),
            "optimizers": OptimizerKind.allCases.map(optimizer),
            "examples": scenes,
            "colors": Color.series.map(hex),
            "limits": ["steps": ExplorerLimits.steps, "frames": ExplorerLimits.frames,
                       "width": ExplorerLimits.width, "height": ExplorerLimits.height],
            "formats": ["gif", "png"] + (SceneRenderer.canEncodeMP4 ? ["mp4"] : []),
        ]
        return try JSONSerialization.data(withJSONObject: catalog, options: [.sortedKeys])
    }
}
