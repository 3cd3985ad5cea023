import Optimizers
import Surfaces

/// Everything that defines one animation: the surface and view, where the optimizers start,
/// how many steps they take and how many frames show them.
public struct Scene: Sendable {
    /// How the surface is drawn.
    public enum View: String, Sendable, CaseIterable {
        /// Filled contours seen from above.
        case flat = "2d"
        /// A shaded mesh in perspective, paths lifted onto it.
        case perspective = "3d"
    }

    /// A chart under the view, growing with the animation.
    public enum Panel: String, Sendable, CaseIterable {
        /// No chart.
        case none
        /// The loss against the step (minus the surface's lowest known value), on a log axis.
        case loss
        /// The distance to the nearest known minimum against the step, on a log axis.
        case distance
    }

    /// The scene's name: its file's, or the surface's for a scene built on the command line.
    public let name: String
    /// The picture's title.
    public let title: String
    /// The built-in surface or formula the scene runs on.
    public let surfaceSource: SurfaceSource
    /// The surface itself, resolved from ``surfaceSource`` when the scene was made.
    public let surface: any Surface
    /// The view: the scene's own, or the surface's.
    public let window: Window
    /// Where every optimizer starts.
    public let start: Point
    /// Optimizer steps.
    public let steps: Int
    /// Animation frames.
    public let frames: Int
    /// The picture's width in pixels.
    public let width: Int
    /// The picture's height in pixels.
    public let height: Int
    /// Contours (`flat`) or a mesh (`perspective`).
    public let view: View
    /// The chart under the view.
    public let panel: Panel
    /// The optimizers that run, each with its label and configuration.
    public let runners: [Runner]
    /// Noise added to every gradient (the same draws for every optimizer), or none.
    public let noise: GradientNoise?
    /// Runs of a noisy scene, each with its own noise seed (`seed`, `seed + 1`, …).
    public let runs: Int
    /// Samples per step's gradient on a data surface (nil: all of them, the exact gradient).
    public let batchSize: Int?
    /// The optimizers (by name or label) whose steps the frames explain at their paths' heads.
    public let internals: [String]

    /// Image sizes accepted, per side.
    public static let sizeRange = 64...8192
    /// Runs accepted.
    public static let runsRange = 1...256
    /// The steps of a scene made on the command line or by the explorer from nothing.
    public static let defaultSteps = 300
    /// A scene's picture size where its file gives none.
    public static let defaultSize = (width: 800, height: 600)

    /// What a scene is made from, every field settable; a ``Scene`` is one checked.
    public struct Definition: Sendable {
        /// The scene's name.
        public var name: String
        /// nil: the surface's display name.
        public var title: String?
        /// The surface: a built-in one or a formula.
        public var surface: SurfaceSource
        /// nil: the surface's own window, widened to show the start.
        public var window: Window?
        /// Where every optimizer starts.
        public var start: Point
        /// Optimizer steps.
        public var steps: Int
        /// nil: one frame per step, up to 150.
        public var frames: Int?
        /// The picture's width in pixels.
        public var width = Scene.defaultSize.width
        /// The picture's height in pixels.
        public var height = Scene.defaultSize.height
        /// Contours (`flat`) or a mesh (`perspective`).
        public var view = View.flat
        /// The chart under the view.
        public var panel = Panel.none
        /// The optimizers that run.
        public var runners: [Runner]
        /// Noise added to every gradient; nil: exact gradients.
        public var noise: GradientNoise? = nil
        /// Runs over noise seeds `seed`, `seed + 1`, … (more than one needs noise or minibatches).
        public var runs = 1
        /// Minibatch size on a data surface; nil: the full batch.
        public var batchSize: Int? = nil
        /// The optimizers (by name or label) whose steps the frames explain at their heads.
        public var internals: [String] = []
    }

    /// Checks every field; throws a ``SceneError`` naming the first problem.
    public init(name: String, title: String? = nil, surface source: SurfaceSource, window: Window? = nil, start: Point, steps: Int,
                frames: Int? = nil, width: Int = Scene.defaultSize.width, height: Int = Scene.defaultSize.height, view: View = .flat, panel: Panel = .none,
                runners: [Runner], noise: GradientNoise? = nil, runs: Int = 1, batchSize: Int? = nil, internals: [String] = []) throws {
        try self.init(Definition(name: name, title: title, surface: source, window: window, start: start, steps: steps, frames: frames,
                                 width: width, height: height, view: view, panel: panel, runners: runners, noise: noise, runs: runs,
                                 batchSize: batchSize, internals: internals))
    }

    /// Checks every field of `definition`; throws a ``SceneError`` naming the first problem.
    public init(_ definition: Definition) throws {
        let start = definition.start, steps = definition.steps, width = definition.width, height = definition.height
        guard start.isFinite else { throw SceneError("start point (\(start.x), \(start.y)) must be finite") }
        let found = try definition.surface.resolve(window: definition.window, start: start)
        guard steps > 0 else { throw SceneError("steps must be > 0, got \(steps)") }
        let frames = definition.frames ?? min(steps + 1, 150)
        guard frames > 0 else { throw SceneError("frames must be > 0, got \(frames)") }
        guard Self.sizeRange.contains(width), Self.sizeRange.contains(height) else {
            throw SceneError("image size \(width)x\(height) is out of range: each side must be 64 to 8192 pixels")
        }
        let window = definition.window ?? found.window
        for (axis, r) in [("x", window.x), ("y", window.y)] where !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw SceneError("window \(axis) range \(r) must be finite with low < high")
        }
        let runners = definition.runners
        guard !runners.isEmpty else { throw SceneError("a scene needs at least one optimizer") }
        if definition.panel == .distance, found.minima.isEmpty {
            throw SceneError("the distance panel needs the surface's minima, and \(found.displayName) lists none")
        }
        for runner in runners {
            try runner.configuration.validate()
        }
        guard Self.runsRange.contains(definition.runs) else {
            throw SceneError("runs must be \(Self.runsRange.lowerBound) to \(Self.runsRange.upperBound), got \(definition.runs)")
        }
        if let size = definition.batchSize {
            guard let sampled = found as? any SampledSurface else {
                throw SceneError("batch_size needs a data surface (linear-regression or logistic-regression), not \(found.name)")
            }
            guard (1...sampled.sampleCount).contains(size) else {
                throw SceneError("batch_size must be 1 to \(sampled.sampleCount) (the data set's size), got \(size)")
            }
        }
        guard definition.runs == 1 || (definition.noise?.gradientStd ?? 0) > 0 || definition.batchSize != nil else {
            throw SceneError("runs \(definition.runs) needs gradient noise or a batch_size: without either every run is the same")
        }
        let labels = runners.map(\.label)
        if let twice = labels.first(where: { l in labels.filter { $0 == l }.count > 1 }) {
            throw SceneError("two optimizers are labelled '\(twice)'; give one of them a \"label\"")
        }
        for name in definition.internals where !runners.contains(where: { $0.name == name || $0.label == name }) {
            throw SceneError("internals names '\(name)', which is not one of the scene's optimizers (\(runners.map(\.name).joined(separator: ", ")))")
        }
        if !definition.internals.isEmpty, definition.view != .flat { throw SceneError("internals are drawn on the flat view (2d), not on the 3d one") }
        name = definition.name
        title = definition.title ?? found.displayName
        surfaceSource = definition.surface
        surface = found
        self.window = window
        self.start = start
        self.steps = steps
        self.frames = frames
        self.width = width
        self.height = height
        view = definition.view
        panel = definition.panel
        self.runners = runners
        noise = definition.noise
        runs = definition.runs
        batchSize = definition.batchSize
        internals = definition.internals
    }

    /// The scene's fields as a definition (title, window and frames as resolved).
    public var definition: Definition {
        Definition(name: name, title: title, surface: surfaceSource, window: window, start: start, steps: steps, frames: frames,
                   width: width, height: height, view: view, panel: panel, runners: runners, noise: noise, runs: runs, batchSize: batchSize,
                   internals: internals)
    }

    /// The scene with `edit` applied to its definition, checked again as a new scene is.
    public func with(_ edit: (inout Definition) throws -> Void) throws -> Scene {
        var changed = definition
        try edit(&changed)
        return try Scene(changed)
    }

    /// The built-in surface's name, or `formula`.
    public var surfaceName: String { surface.name }

    /// Steps every optimizer; see `Stepping.run`.
    public func run() throws -> [Trajectory] {
        try Stepping.run(runners, on: surface, from: start, steps: steps, noise: noise, batchSize: batchSize)
    }

    /// Whether the gradients are random (noise, minibatches), so that runs differ.
    public var isNoisy: Bool { (noise?.gradientStd ?? 0) > 0 || batchSize != nil }

    /// Every run: `runAll()[r][i]` is runner i's path in run r + 1, run 1 being ``run()``'s.
    public func runAll() throws -> [[Trajectory]] {
        guard runs > 1 else { return [try run()] }
        // Without noise the seed (1) only draws the minibatches.
        let seeds = try noise ?? GradientNoise(gradientStd: 0, seed: 1)
        return try Stepping.runs(runners, on: surface, from: start, steps: steps, noise: seeds, batchSize: batchSize, count: runs)
    }

    /// The optimizer step shown in frame `k` of `frames` (first frame: the start, last: the final step).
    public func step(atFrame k: Int) -> Int {
        frames == 1 ? steps : Int((Double(k) * Double(steps) / Double(frames - 1)).rounded())
    }
}

extension Scene.View {
    /// The view called `name` (`2d`, `3d`); a ``SceneError`` naming the views otherwise.
    public init(named name: String) throws { self = try choice(name, "view") }
}

extension Scene.Panel {
    /// The panel called `name` (`loss`, `distance`, `none`); a ``SceneError`` naming the panels otherwise.
    public init(named name: String) throws { self = try choice(name, "panel") }
}

/// The case whose raw value is `name`: "view '4d' must be 2d or 3d" otherwise.
private func choice<T: CaseIterable & RawRepresentable>(_ name: String, _ what: String) throws -> T where T.RawValue == String {
    if let found = T(rawValue: name) { return found }
    let names = T.allCases.map(\.rawValue)
    throw SceneError("\(what) '\(name)' must be \(names.dropLast().joined(separator: ", ")) or \(names.last!)")
}
