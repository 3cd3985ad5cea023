import Foundation
import ScenePictures
import Scenes

/// A fresh folder under the temporary directory, named after `name` and this process, for
/// `body`; removed afterwards, whatever happens.
func withScratchFolder<T>(_ name: String, _ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-\(name)-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// Seconds to step `scene` over its runs and render it as `trajectories` does: PNG frames,
/// poster and GIF written into `folder` (no MP4: that would time ffmpeg).
func renderSeconds(_ scene: Scene, into folder: URL) throws -> Double {
    try seconds {
        let made = try SceneAnimation(scene: scene, runs: try scene.runAll()).render(frames: folder)
        try made.poster.write(to: folder.appendingPathComponent("poster.png"))
        try made.gif!.write(to: folder.appendingPathComponent("animation.gif"))
    }
}
