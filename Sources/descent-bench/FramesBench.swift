import ArgumentParser
import Dispatch
import Foundation
import Rendering
import ScenePictures
import Scenes

/// Frames per second of an example scene, drawn and written as PNG on every core, next to the
/// same frames drawn only (no PNG) and drawn and written on one core.
struct FramesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Frames/s of the Beale scene at 800x600 including PNG writing (also with a panel, with internals), with references from the same run."
    )

    @Option(help: "Scene file to render.")
    var scene = "Examples/scenes/beale.json"

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 3

    func run() throws {
        let loaded = try SceneFile.load(URL(fileURLWithPath: scene))
        let animation = try SceneAnimation(scene: loaded, paths: try loaded.run())
        try withScratchFolder("frames") { directory in
            let n = Double(loaded.frames)

            let parallel = try bestTime(repeats: repeats) { _ = try animation.render(frames: directory, gif: false) }
            // The same scene with the loss panel under the view (its curves grow in every frame).
            let panelled = try SceneAnimation(scene: try loaded.with { $0.panel = .loss }, paths: animation.picture.paths)
            let withPanel = try bestTime(repeats: repeats) { _ = try panelled.render(frames: directory, gif: false) }
            // Internals at the heads of two paths (Momentum's and Adam's), their replay included.
            let explained = try loaded.with { $0.internals = ["momentum", "adam"] }
            let (plain, withInternals) = try bestTimesInTurns(repeats: repeats, {
                _ = try SceneAnimation(scene: loaded, paths: animation.picture.paths).render(frames: directory, gif: false)
            }, {
                _ = try SceneAnimation(scene: explained, paths: animation.picture.paths).render(frames: directory, gif: false)
            })
            let plot = animation.picture.plot
            let background = try plot.background(width: loaded.width, height: loaded.height).raster()
            let drawOnly = bestTime(repeats: repeats) {
                DispatchQueue.concurrentPerform(iterations: loaded.frames) { k in
                    _ = try? plot.frame(over: background, step: loaded.step(atFrame: k)).rgb()
                }
            }
            let serial = try bestTime(repeats: 1) {
                for k in 0..<loaded.frames {
                    try plot.frame(over: background, step: loaded.step(atFrame: k)).writePNG(to: directory.appendingPathComponent("serial.png"))
                }
            }
            let bytes = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("frame_") }
                .map { try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent($0).path)[.size] as! Int }
            print("\(loaded.name): \(loaded.frames) frames at \(loaded.width)x\(loaded.height), \(ProcessInfo.processInfo.activeProcessorCount) cores")
            print(String(format: "drawn + PNG, all cores (incl. background): %6.1f frames/s", n / parallel))
            print(String(format: "with the loss panel, all cores:            %6.1f frames/s (%.0f %% of without; target >= 80 %%)",
                         n / withPanel, 100 * parallel / withPanel))
            print(String(format: "with internals on two paths, all cores:    %6.1f frames/s (%.2fx the time without; target <= 1.1x)",
                         n / withInternals, withInternals / plain))
            print(String(format: "drawn + PNG, one core:                     %6.1f frames/s", n / serial))
            print(String(format: "drawn only, all cores:                     %6.1f frames/s", n / drawOnly))
            print(String(format: "mean PNG size: %.0f kB", Double(bytes.reduce(0, +)) / Double(max(bytes.count, 1)) / 1024))
        }
    }
}
