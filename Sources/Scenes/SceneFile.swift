import Foundation
import Optimizers
import Surfaces

/// Reads scenes from JSON. The format (every field but `surface`, `start`, `steps` and
/// `optimizers` optional):
/// ```json
/// {
///   "title": "Beale's function",
///   "surface": "beale",      // or a formula: "x^2/20 + 5*y^2", or
///                            // {"formula": "...", "window": {...}, "minima": [[x, y]]}
///   "window": {"x": [-4.5, 4.5], "y": [-4.5, 4.5]},
///   "start": [1, 1.5],
///   "steps": 600,
///   "frames": 150,
///   "size": [800, 600],
///   "view": "2d",
///   "panel": "loss",
///   "optimizers": [
///     {"optimizer": "sgd", "learning_rate": 0.001},
///     {"optimizer": "adam", "learning_rate": 0.05, "beta_1": 0.9, "label": "Adam 0.05"}
///   ]
/// }
/// ```
/// Optimizer entries use Keras's names for every key — the rule's hyper-parameters, a
/// `learning_rate` number or serialised schedule, `weight_decay`, `clipnorm`, `use_ema`, … —
/// or are whole `keras.optimizers.serialize` dictionaries. Unknown fields are errors, so a typo
/// never passes silently.
public enum SceneFile {
    static let sceneFields = ["title", "surface", "window", "start", "steps", "frames", "size", "view", "panel", "optimizers"]

    /// Parses the scene at `url`; the scene's name is the file name without `.json`.
    public static func load(_ url: URL) throws -> Scene {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SceneError("cannot read scene \(url.path): \(error.localizedDescription)")
        }
        do {
            return try parse(data, name: url.deletingPathExtension().lastPathComponent)
        } catch let error as SceneError {
            throw SceneError("\(url.lastPathComponent): \(error.description)")
        } catch {
            throw SceneError("\(url.lastPathComponent): \(error)")
        }
    }

    /// Parses a scene from JSON bytes.
    public static func parse(_ data: Data, name: String) throws -> Scene {
        guard let json = try? JSONSerialization.jsonObject(with: data), let object = json as? [String: Any] else {
            throw SceneError("not valid JSON (expected an object)")
        }
        try checkFields(object, known: sceneFields, what: "scene")
        let start = try pair(object["start"], "start")
        let size = try object["size"].map { try pair($0, "size") } ?? (800, 600)
        let view = try Scene.View(named: try string(object["view"], "view") ?? "2d")
        let panel = try Scene.Panel(named: try string(object["panel"], "panel") ?? "none")
        let surface = try surfaceSource(object["surface"])
        guard let steps = try integer(object["steps"], "steps") else { throw SceneError("missing field 'steps'") }
        guard let list = object["optimizers"] as? [Any] else { throw SceneError("missing field 'optimizers' (a list)") }
        return try Scene(
            name: name, title: try string(object["title"], "title"), surface: surface, window: try window(object["window"]),
            start: Point(start.0, start.1), steps: steps, frames: try integer(object["frames"], "frames"),
            width: try whole(size.0, "size"), height: try whole(size.1, "size"), view: view, panel: panel,
            runners: try list.enumerated().map { try runner($1, index: $0) })
    }

    /// `"beale"`, `"x^2 + y^2"`, or `{"formula": "...", "window": {...}, "minima": [[x, y], ...]}`.
    static func surfaceSource(_ value: Any?) throws -> SurfaceSource {
        guard let value else { throw SceneError("missing field 'surface'") }
        if let text = value as? String { return try SurfaceSource.parse(text) }
        guard let object = value as? [String: Any] else {
            throw SceneError("surface must be a name, a formula, or an object with a \"formula\"")
        }
        try checkFields(object, known: ["formula", "window", "minima"], what: "surface")
        guard let formula = try string(object["formula"], "surface.formula") else { throw SceneError("surface needs a \"formula\"") }
        guard let minima = (object["minima"] ?? [Any]()) as? [Any] else { throw SceneError("surface.minima must be a list of [x, y] pairs") }
        return .formula(formula, window: try window(object["window"]),
                        minima: try minima.map { let p = try pair($0, "surface.minima"); return Point(p.0, p.1) })
    }

    /// One optimizer entry: `{"optimizer": "adamw", "label": ..., "learning_rate": ..., ...}` or
    /// Keras's own `{"class_name": "AdamW", "config": {...}}` (with an optional `label`).
    static func runner(_ value: Any, index: Int) throws -> Runner {
        guard let object = value as? [String: Any] else { throw SceneError("optimizers[\(index)] must be an object") }
        do {
            let (kind, configuration) = try OptimizerConfiguration.keras(object, others: ["label"])
            let label = try string(object["label"], "label") ?? kind.displayName
            return Runner(name: kind.name, label: label, configuration: configuration)
        } catch let error as OptimizerError {
            throw SceneError("optimizers[\(index)]: \(error)")
        }
    }

    static func checkFields(_ object: [String: Any], known: [String], what: String) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SceneError("unknown field '\(unknown)' in \(what) (known: \(known.joined(separator: ", ")))")
        }
    }

    static func string(_ value: Any?, _ key: String) throws -> String? {
        guard let value else { return nil }
        guard let s = value as? String else { throw SceneError("\(key) must be a string") }
        return s
    }

    static func number(_ value: Any, _ key: String) throws -> Double {
        guard let n = number(value) else { throw SceneError("\(key) must be a number") }
        guard n.isFinite else { throw SceneError("\(key) must be a finite number, got \(n)") }
        return n
    }

    /// A JSON number (not a boolean, which Foundation also hands out as an NSNumber).
    static func number(_ value: Any) -> Double? {
        guard !isBoolean(value), let n = value as? NSNumber else { return nil }
        return n.doubleValue
    }

    static func isBoolean(_ value: Any) -> Bool {
        type(of: value) == Bool.self || String(describing: type(of: value)).contains("Boolean")
    }

    static func integer(_ value: Any?, _ key: String) throws -> Int? {
        guard let value else { return nil }
        return try whole(try number(value, key), key)
    }

    static func whole(_ v: Double, _ key: String) throws -> Int {
        guard v.isFinite, v == v.rounded(), abs(v) < 1e9 else { throw SceneError("\(key) must be a whole number, got \(v)") }
        return Int(v)
    }

    static func pair(_ value: Any?, _ key: String) throws -> (Double, Double) {
        guard let list = value as? [Any], list.count == 2 else {
            throw SceneError(value == nil ? "missing field '\(key)'" : "\(key) must be a list of two numbers")
        }
        return (try number(list[0], key), try number(list[1], key))
    }

    static func window(_ value: Any?) throws -> Window? {
        guard let value else { return nil }
        guard let object = value as? [String: Any] else { throw SceneError("window must be an object with x and y ranges") }
        try checkFields(object, known: ["x", "y"], what: "window")
        let x = try pair(object["x"], "window.x"), y = try pair(object["y"], "window.y")
        guard x.0 < x.1, y.0 < y.1 else { throw SceneError("window ranges must be [low, high] with low < high") }
        return Window(x: x.0...x.1, y: y.0...y.1)
    }
}
