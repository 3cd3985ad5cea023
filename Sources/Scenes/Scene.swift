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
        case none
        /// The loss against the step (minus the surface's lowest known value), on a log axis.
        case loss
        /// The distance to the nearest known minimum against the step, on a log axis.
        case distance
    }

    public var name: String
    public var title: String
    /// The built-in surface or formula the scene runs on.
    public var surfaceSource: SurfaceSource
    /// The surface itself, resolved from ``surfaceSource`` when the scene was made.
    public let surface: any Surface
    public var window: Window
    public var start: Point
    public var steps: Int
    public var frames: Int
    public var width: Int
    public var height: Int
    public var view: View
    public var panel: Panel
    public var runners: [Runner]

    /// Image sizes accepted, per side.
    public static let sizeRange = 64...8192

    /// Checks every field; throws a ``SceneError`` naming the first problem.
    public init(name: String, title: String? = nil, surface source: SurfaceSource, window: Window? = nil, start: Point, steps: Int,
                frames: Int? = nil, width: Int = 800, height: Int = 600, view: View = .flat, panel: Panel = .none,
                runners: [Runner]) throws {
        guard start.isFinite else { throw SceneError("start point (\(start.x), \(start.y)) must be finite") }
        let found = try source.resolve(window: window, start: start)
        guard steps > 0 else { throw SceneError("steps must be > 0, got \(steps)") }
        let frames = frames ?? min(steps + 1, 150)
        guard frames > 0 else { throw SceneError("frames must be > 0, got \(frames)") }
        guard Self.sizeRange.contains(width), Self.sizeRange.contains(height) else {
            throw SceneError("image size \(width)x\(height) is out of range: each side must be 64 to 8192 pixels")
        }
        let window = window ?? found.window
        for (axis, r) in [("x", window.x), ("y", window.y)] where !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw SceneError("window \(axis) range \(r) must be finite with low < high")
        }
        guard !runners.isEmpty else { throw SceneError("a scene needs at least one optimizer") }
        if panel == .distance, found.minima.isEmpty {
            throw SceneError("the distance panel needs the surface's minima, and \(found.displayName) lists none")
        }
        for runner in runners {
            try runner.configuration.validate()
        }
        let labels = runners.map(\.label)
        if let twice = labels.first(where: { l in labels.filter { $0 == l }.count > 1 }) {
            throw SceneError("two optimizers are labelled '\(twice)'; give one of them a \"label\"")
        }
        self.name = name
        self.title = title ?? found.displayName
        self.surfaceSource = source
        self.surface = found
        self.window = window
        self.start = start
        self.steps = steps
        self.frames = frames
        self.width = width
        self.height = height
        self.view = view
        self.panel = panel
        self.runners = runners
    }

    /// The built-in surface's name, or `formula`.
    public var surfaceName: String { surface.name }

    /// The same scene with other optimizers (checked as the scene's own were).
    public func with(runners: [Runner]) throws -> Scene {
        try Scene(name: name, title: title, surface: surfaceSource, window: window, start: start, steps: steps, frames: frames,
                  width: width, height: height, view: view, panel: panel, runners: runners)
    }

    /// Steps every optimizer; see ``Stepping/run(_:on:from:steps:)``.
    public func run() throws -> [Trajectory] {
        try Stepping.run(runners, on: surface, from: start, steps: steps)
    }

    /// The optimizer step shown in frame `k` of `frames` (first frame: the start, last: the final step).
    public func step(atFrame k: Int) -> Int {
        frames == 1 ? steps : Int((Double(k) * Double(steps) / Double(frames - 1)).rounded())
    }
}
