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
        let document: SceneDocument
        do {
            document = try JSONDecoder().decode(SceneDocument.self, from: data)
        } catch is DecodingError {
            throw SceneError("not valid JSON (expected an object)")
        }
        return try document.scene(name: name)
    }
}

/// A scene file, decoded strictly: every key known (a typo never passes silently), every value
/// of its type, each refusal a one-line ``SceneError`` that names the field.
struct SceneDocument: Decodable {
    static let fields = ["title", "surface", "window", "start", "steps", "frames", "size", "view", "panel", "optimizers", "noise", "runs", "batch_size", "internals"]

    let title: String?
    let surface: SurfaceSource
    let window: Window?
    let start: Point
    let steps: Int
    let frames: Int?
    let width: Int, height: Int
    let view: Scene.View
    let panel: Scene.Panel
    /// The optimizer entries, read by Keras's rules once the document is whole.
    let optimizers: [JSONValue]
    let noise: GradientNoise?
    let runs: Int
    let batchSize: Int?
    let internals: [String]

    init(from decoder: any Decoder) throws {
        let scene = try Fields(JSONValue(from: decoder), known: Self.fields, what: "scene")
        start = try scene.point("start") ?? { throw SceneError("missing field 'start'") }()
        let size = try scene.pair("size") ?? (Double(Scene.defaultSize.width), Double(Scene.defaultSize.height))
        width = try whole(size.0, "size")
        height = try whole(size.1, "size")
        view = try Scene.View(named: try scene.string("view") ?? "2d")
        panel = try Scene.Panel(named: try scene.string("panel") ?? "none")
        surface = try Self.surfaceSource(scene["surface"])
        steps = try scene.integer("steps") ?? { throw SceneError("missing field 'steps'") }()
        guard case let .array(list)? = scene["optimizers"] else { throw SceneError("missing field 'optimizers' (a list)") }
        optimizers = list
        title = try scene.string("title")
        window = try Self.window(scene["window"])
        frames = try scene.integer("frames")
        noise = try Self.noise(scene["noise"])
        runs = try scene.integer("runs") ?? 1
        batchSize = try scene.integer("batch_size")
        internals = try scene.strings("internals") ?? []
    }

    /// The scene the document describes, checked.
    func scene(name: String) throws -> Scene {
        try Scene(name: name, title: title, surface: surface, window: window, start: start, steps: steps, frames: frames,
                  width: width, height: height, view: view, panel: panel,
                  runners: try optimizers.enumerated().map { try Self.runner($1, index: $0) }, noise: noise, runs: runs, batchSize: batchSize,
                  internals: internals)
    }

    /// `{"gradient_std": 0.5, "seed": 1, "relative": false}` (seed and relative optional).
    static func noise(_ value: JSONValue?) throws -> GradientNoise? {
        guard let value else { return nil }
        guard case .object = value else { throw SceneError("noise must be an object with a gradient_std") }
        let noise = try Fields(value, known: ["gradient_std", "seed", "relative"], what: "noise")
        guard let std = noise["gradient_std"] else { throw SceneError("noise needs a gradient_std") }
        guard case let .number(deviation) = std else { throw SceneError("noise gradient_std must be a number") }
        let seed = try noise.integer("seed", named: "noise seed") ?? 1
        guard seed >= 0 else { throw SceneError("noise seed must be >= 0, got \(seed)") }
        var relative = false
        switch noise["relative"] {
        case nil: break
        case let .bool(flag)?: relative = flag
        default: throw SceneError("noise relative must be true or false")
        }
        return try GradientNoise(gradientStd: deviation, seed: UInt64(seed), relative: relative)
    }

    /// `"beale"`, `"x^2 + y^2"`, or `{"formula": "...", "window": {...}, "minima": [[x, y], ...]}`.
    static func surfaceSource(_ value: JSONValue?) throws -> SurfaceSource {
        switch value {
        case nil: throw SceneError("missing field 'surface'")
        case let .string(text)?: return try SurfaceSource.parse(text)
        case let .object(object)?:
            let surface = try Fields(.object(object), known: ["formula", "window", "minima"], what: "surface")
            guard let formula = try surface.string("formula", named: "surface.formula") else { throw SceneError("surface needs a \"formula\"") }
            let minima: [JSONValue]
            switch surface["minima"] {
            case nil: minima = []
            case let .array(list)?: minima = list
            default: throw SceneError("surface.minima must be a list of [x, y] pairs")
            }
            return .formula(formula, window: try window(surface["window"]),
                            minima: try minima.map { let p = try numberPair($0, "surface.minima"); return Point(p.0, p.1) })
        default: throw SceneError("surface must be a name, a formula, or an object with a \"formula\"")
        }
    }

    /// One optimizer entry: `{"optimizer": "adamw", "label": ..., "learning_rate": ..., ...}` or
    /// Keras's own `{"class_name": "AdamW", "config": {...}}` (with an optional `label`).
    static func runner(_ value: JSONValue, index: Int) throws -> Runner {
        guard case let .object(entry) = value else { throw SceneError("optimizers[\(index)] must be an object") }
        do {
            let (kind, configuration) = try OptimizerConfiguration.keras(entry.mapValues(\.foundationObject), others: ["label"])
            let label = try Fields(value, known: nil, what: "").string("label") ?? kind.displayName
            return Runner(name: kind.name, label: label, configuration: configuration)
        } catch let error as OptimizerError {
            throw SceneError("optimizers[\(index)]: \(error)")
        }
    }

    static func window(_ value: JSONValue?) throws -> Window? {
        guard let value else { return nil }
        guard case .object = value else { throw SceneError("window must be an object with x and y ranges") }
        let window = try Fields(value, known: ["x", "y"], what: "window")
        guard let x = try window.pair("x", named: "window.x"), let y = try window.pair("y", named: "window.y") else {
            throw SceneError("missing field '\(window["x"] == nil ? "window.x" : "window.y")'")
        }
        guard x.0 < x.1, y.0 < y.1 else { throw SceneError("window ranges must be [low, high] with low < high") }
        return Window(x: x.0...x.1, y: y.0...y.1)
    }
}

/// An object's fields, read one by one with the scene file's messages.
private struct Fields {
    let object: [String: JSONValue]

    /// Refuses any key not in `known` (nil: any key goes).
    init(_ value: JSONValue, known: [String]?, what: String) throws {
        guard case let .object(object) = value else { throw SceneError("not valid JSON (expected an object)") }
        if let known, let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SceneError("unknown field '\(unknown)' in \(what) (known: \(known.joined(separator: ", ")))")
        }
        self.object = object
    }

    subscript(key: String) -> JSONValue? { object[key] }

    func string(_ key: String, named name: String? = nil) throws -> String? {
        guard let value = object[key] else { return nil }
        guard case let .string(text) = value else { throw SceneError("\(name ?? key) must be a string") }
        return text
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = object[key] else { return nil }
        guard case let .array(list) = value else { throw SceneError("\(key) must be a list of strings") }
        return try list.map { item in
            guard case let .string(text) = item else { throw SceneError("\(key) must be a list of strings") }
            return text
        }
    }

    func integer(_ key: String, named name: String? = nil) throws -> Int? {
        guard let value = object[key] else { return nil }
        return try whole(try number(value, name ?? key), name ?? key)
    }

    func pair(_ key: String, named name: String? = nil) throws -> (Double, Double)? {
        guard let value = object[key] else { return nil }
        return try numberPair(value, name ?? key)
    }

    func point(_ key: String) throws -> Point? { try pair(key).map { Point($0.0, $0.1) } }
}

/// `[x, y]`: two finite numbers.
private func numberPair(_ value: JSONValue, _ key: String) throws -> (Double, Double) {
    guard case let .array(list) = value, list.count == 2 else { throw SceneError("\(key) must be a list of two numbers") }
    return (try number(list[0], key), try number(list[1], key))
}

/// A finite JSON number.
private func number(_ value: JSONValue, _ key: String) throws -> Double {
    guard case let .number(n) = value else { throw SceneError("\(key) must be a number") }
    guard n.isFinite else { throw SceneError("\(key) must be a finite number, got \(n)") }
    return n
}

private func whole(_ v: Double, _ key: String) throws -> Int {
    guard v.isFinite, v == v.rounded(), abs(v) < 1e9 else { throw SceneError("\(key) must be a whole number, got \(v)") }
    return Int(v)
}
