import Foundation
import Optimizers
import Scenes

/// `POST /api/internals`: `{"scene": {...}, "path": "Adam", "step": 12}` in, what that path's
/// step `step` (the one from its point at `step - 1`) was made of out — replayed by
/// `Stepping.internals` from the scene's start, so every number is the optimizer's own:
/// `step`, `learning_rate` (after the schedule), `gradient`, `gradient_step` (plain SGD's
/// `-lr*g`), `from`, `move`, `arrows` (`label`, `vector`, `part`: whether it adds into the move),
/// `scale` (the per-coordinate step size, or null), `points`, `numbers` and `slots` by name.
enum InternalsAPI {
    struct Answer: Encodable {
        struct Arrow: Encodable { let label: String, vector: [Double], part: Bool }
        struct Named: Encodable { let label: String, values: [Double] }
        let path: String, step: Int
        let learningRate: Double
        let gradient: [Double], gradientStep: [Double], from: [Double], move: [Double]
        let arrows: [Arrow]
        let scale: [Double]?
        let points: [Named], numbers: [Named], slots: [Named]

        enum CodingKeys: String, CodingKey {
            case path, step, gradient, from, move, arrows, scale, points, numbers, slots
            case learningRate = "learning_rate", gradientStep = "gradient_step"
        }
    }

    /// The request's scene (within the explorer's limits), the runner it names and the step.
    static func request(_ body: Data) throws -> (scene: Scene, runner: Runner, step: Int) {
        let (object, scene, runner) = try PathRequest.parse(body, shape: "{\"scene\": {...}, \"path\": LABEL, \"step\": N}")
        guard let step = (object["step"] as? NSNumber)?.intValue, (1...scene.steps).contains(step) else {
            throw SceneError("step must be 1 to \(scene.steps), got \(object["step"] ?? "none")")
        }
        return (scene, runner, step)
    }

    /// The answer's JSON; a path that diverged before `step` has nothing to explain. The path's
    /// replay is kept in `replays`, so the next step of the same path costs at most a thousand steps.
    static func answer(_ body: Data, replays: ReplayCache) throws -> Data {
        let (scene, runner, step) = try request(body)
        let key = String(decoding: try SceneFile.encode(scene), as: UTF8.self) + "\u{0}" + runner.label
        let replay = replays.replay(for: key) {
            PathReplay(runner, on: scene.surface, from: scene.start, steps: scene.steps, noise: scene.noise, batchSize: scene.batchSize)
        }
        guard let s = try replay.internals(at: step) else { throw SceneError("\(runner.label) diverged before step \(step)") }
        let named = { (items: [(String, [Double])]) in items.map { Answer.Named(label: $0.0, values: $0.1) } }
        let answer = Answer(path: runner.label, step: step, learningRate: s.learningRate, gradient: s.gradient, gradientStep: s.gradientStep,
                            from: s.from, move: s.move, arrows: s.rule.arrows.map { Answer.Arrow(label: $0.label, vector: $0.vector, part: $0.isPart) },
                            scale: s.rule.scale, points: named(s.rule.points.map { ($0.label, $0.point) }),
                            numbers: named(s.rule.numbers.map { ($0.label, [$0.value]) }), slots: named(s.rule.slots.map { ($0.label, $0.values) }))
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(answer)
    }
}

/// A request about one path of a scene: `{"scene": {...}, "path": LABEL, ...}`.
enum PathRequest {
    /// The request's object, its scene (within the explorer's limits) and the runner its `path`
    /// names (by label or name); `shape` says what the request should look like.
    static func parse(_ body: Data, shape: String) throws -> (object: [String: Any], scene: Scene, runner: Runner) {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let sceneObject = object["scene"] as? [String: Any] else {
            throw SceneError("the request must be \(shape)")
        }
        let scene = try PathsAPI.scene(try JSONSerialization.data(withJSONObject: sceneObject))
        guard let label = object["path"] as? String, let runner = scene.runners.first(where: { $0.label == label || $0.name == label }) else {
            throw SceneError("the scene has no path '\(object["path"] ?? "")': choose among \(scene.runners.map(\.label).joined(separator: ", "))")
        }
        return (object, scene, runner)
    }
}

/// The paths replayed most recently for `/api/internals`, the least recently used dropped past `capacity`.
final class ReplayCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: PathReplay] = [:], order: [String] = []
    let capacity: Int

    init(capacity: Int = 32) { self.capacity = capacity }

    /// The replay kept for `key`, or a new one from `make`.
    func replay(for key: String, make: () -> PathReplay) -> PathReplay {
        lock.withLock {
            order.removeAll { $0 == key }
            order.append(key)
            if let kept = entries[key] { return kept }
            let made = make()
            entries[key] = made
            while order.count > capacity { entries.removeValue(forKey: order.removeFirst()) }
            return made
        }
    }
}
