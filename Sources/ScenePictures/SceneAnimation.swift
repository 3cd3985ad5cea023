import Foundation
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
    public init(scene: Scene, paths: [Trajectory]) { self.init(scene: scene, runs: [paths]) }

    /// The animation of every run of `scene` (`Scene/runAll()`), as `ScenePicture/init(scene:runs:)` draws them.
    public init(scene: Scene, runs: [[Trajectory]]) {
        self.scene = scene
        picture = ScenePicture(scene: scene, runs: runs)
        animation = FrameAnimation(plot: picture.plot, width: scene.width, height: scene.height,
                                   steps: (0..<scene.frames).map(scene.step(atFrame:)))
    }

    /// The poster alone (the last frame), compressed hard.
    public func poster() throws -> Data { try animation.poster() }

    /// Every frame; see `FrameAnimation/render(frames:gif:progress:)`.
    public func render(frames: URL? = nil, gif: Bool = true, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> FrameAnimation.Output {
        try animation.render(frames: frames, gif: gif, progress: progress)
    }
}
