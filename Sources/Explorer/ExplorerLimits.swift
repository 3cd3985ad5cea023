import Optimizers
import Scenes

/// What one request may ask for, so that no request can hold the server for long or make it
/// allocate without bound.
public enum ExplorerLimits {
    /// Optimizer steps in one scene.
    public static let steps = 100_000
    /// Frames of one rendered animation.
    public static let frames = 600
    /// Optimizers in one scene: as many as there are named optimizers (each its own colour);
    /// with the step limit, at most 1.6 million points per answer for today's sixteen.
    public static let optimizers = OptimizerKind.allCases.count
    /// The largest picture, in pixels.
    public static let width = 1920, height = 1080
    /// Optimizers times runs times steps: what one request may have stepped and answered (every
    /// run's points travel to the page). As many as the most optimizers over the most steps in
    /// one run, so that an answer stays under about 90 MB however the scene spends it.
    public static let pointSteps = optimizers * steps
    /// Optimizer steps (over all runs) a scene may take and still count as light work, answered at
    /// once; more waits for a slot of the `WorkGate` (16 x 1,000 steps take about 4 ms).
    public static let lightSteps = 100_000
    /// Cells of one phase map, and cells times steps (200 × 150 cells over 1,000 steps).
    public static let phaseCells = 40_000, phaseCellSteps = 30_000_000
    /// The phase map's grid where the page's request names none (the catalog's `scene_defaults`).
    public static let phaseGrid = (columns: 120, rows: 90)
    /// The pieces a large answer is written in.
    public static let chunkBytes = 256 * 1024
    /// A request body: a scene with a long formula fits many times over.
    public static let bodyBytes = 64 * 1024

    /// Throws a 400 naming the first limit `scene` exceeds.
    static func check(_ scene: Scene) throws {
        guard scene.steps <= steps else { throw ExplorerError("steps must be at most \(steps), got \(scene.steps)") }
        guard scene.runners.count <= optimizers else {
            throw ExplorerError("a scene may run at most \(optimizers) optimizers, got \(scene.runners.count)")
        }
        guard scene.runners.count * scene.runs * scene.steps <= pointSteps else {
            throw ExplorerError("optimizers times runs times steps must be at most \(pointSteps), got "
                                + "\(scene.runners.count) x \(scene.runs) x \(scene.steps)")
        }
        guard scene.frames <= frames else { throw ExplorerError("frames must be at most \(frames), got \(scene.frames)") }
        try check(width: scene.width, height: scene.height)
    }

    /// Throws a 400 for an image size the explorer does not draw.
    static func check(width w: Int, height h: Int) throws {
        guard (Scene.sizeRange.lowerBound...width).contains(w), (Scene.sizeRange.lowerBound...height).contains(h) else {
            let least = Scene.sizeRange.lowerBound
            throw ExplorerError("image size \(w)x\(h) is out of range: at most \(width)x\(height), at least \(least)x\(least)")
        }
    }
}
