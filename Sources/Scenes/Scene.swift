import Optimizers
import Surfaces

/// Everything that defines one animation: the surface and view, where the optimizers start,
/// how many steps they take and how many frames show them.
public struct Scene: Sendable, Equatable {
    /// How the surface is drawn.
    public enum View: String, Sendable, CaseIterable {
        /// Filled contours seen from above.
        case flat = "2d"
        /// A shaded mesh in perspective, paths lifted onto it.
        case perspective = "3d"
    }

    public var name: String
    public var title: String
    /// Name of a built-in surface (see ``SurfaceCatalog``).
    public var surfaceName: String
    public var window: Window
    public var start: Point
    public var steps: Int
    public var frames: Int
    public var width: Int
    public var height: Int
    public var view: View
    public var runners: [Runner]

    /// Image sizes accepted, per side.
    public static let sizeRange = 64...8192

    /// Checks every field; throws a ``SceneError`` naming the first problem.
    public init(name: String, title: String? = nil, surface: String, window: Window? = nil, start: Point, steps: Int,
                frames: Int? = nil, width: Int = 800, height: Int = 600, view: View = .flat, runners: [Runner]) throws {
        let found = try SurfaceCatalog.named(surface)
        guard start.isFinite else { throw SceneError("start point (\(start.x), \(start.y)) must be finite") }
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
        for runner in runners {
            try runner.rule.validate()
        }
        let labels = runners.map(\.label)
        if let twice = labels.first(where: { l in labels.filter { $0 == l }.count > 1 }) {
            throw SceneError("two optimizers are labelled '\(twice)'; give one of them a \"label\"")
        }
        self.name = name
        self.title = title ?? found.displayName
        self.surfaceName = found.name
        self.window = window
        self.start = start
        self.steps = steps
        self.frames = frames
        self.width = width
        self.height = height
        self.view = view
        self.runners = runners
    }

    /// The built-in surface this scene names (checked to exist when the scene was made).
    public var surface: any Surface { SurfaceCatalog.all.first { $0.name == surfaceName }! }

    /// Steps every optimizer; see ``Stepping/run(_:on:from:steps:)``.
    public func run() throws -> [Trajectory] {
        try Stepping.run(runners, on: surface, from: start, steps: steps)
    }

    /// The optimizer step shown in frame `k` of `frames` (first frame: the start, last: the final step).
    public func step(atFrame k: Int) -> Int {
        frames == 1 ? steps : Int((Double(k) * Double(steps) / Double(frames - 1)).rounded())
    }
}
