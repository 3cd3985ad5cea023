import Foundation
import Optimizers
import Rendering
import Scenes

/// A scene's animation: `FrameAnimation` of its picture, a frame for each of `scene.frames`
/// steps spread evenly over the run.
public struct SceneAnimation: Sendable {
    /// The scene animated.
    public let scene: Scene
    /// The scene as a picture.
    public let picture: ScenePicture
    /// Its frames.
    public let animation: FrameAnimation

    /// The animation of `scene`'s `paths` (one run).
    public init(scene: Scene, paths: [Trajectory]) throws { try self.init(scene: scene, runs: [paths]) }

    /// The animation of every run of `scene` (`Scene/runAll()`), as `ScenePicture/init(scene:runs:)`
    /// draws them; the paths of the scene's `internals` optimizers show in every frame what
    /// their next step is made of.
    public init(scene: Scene, runs: [[Trajectory]]) throws {
        var picture = ScenePicture(scene: scene, runs: runs)
        let steps = Self.steps(scene)
        for (i, path) in runs[0].enumerated() where scene.internals.contains(path.runner.name) || scene.internals.contains(path.runner.label) {
            // The frame at step s shows the step from the head, step s + 1, while the path goes on.
            let shown = Set(steps.filter { $0 < path.points.count }.map { $0 + 1 })
            let found = try Stepping.internals(of: path.runner, on: scene.surface, from: scene.start, at: shown, noise: scene.noise,
                                               batchSize: scene.batchSize)
            picture.explained[i] = Dictionary(uniqueKeysWithValues: found.map { ($0.key - 1, $0.value) })
        }
        self.init(scene: scene, picture: picture)
    }

    init(scene: Scene, picture: ScenePicture) {
        self.scene = scene
        self.picture = picture
        animation = FrameAnimation(plot: picture.plot, width: scene.width, height: scene.height, steps: Self.steps(scene))
    }

    /// The step each frame shows.
    static func steps(_ scene: Scene) -> [Int] { (0..<scene.frames).map(scene.step(atFrame:)) }

    /// The poster alone (the last frame), compressed hard.
    public func poster() throws -> Data { try animation.poster() }

    /// Every frame; see `FrameAnimation/render(frames:gif:progress:)`.
    public func render(frames: URL? = nil, gif: Bool = true, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> FrameAnimation.Output {
        try animation.render(frames: frames, gif: gif, progress: progress)
    }
}
