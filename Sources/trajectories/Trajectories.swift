import ArgumentParser
import CommandLineSupport
import Foundation
import Scenes

/// Optimizers stepping across loss surfaces: animations (`render`, the default) and basin maps
/// (the explorer page is the `explorer` executable).
@main
struct Trajectories: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectories",
        abstract: "Animate gradient-descent optimizers on 2D loss surfaces, or map their basins (the explorer page is its own executable: swift run -c release explorer).",
        subcommands: [Render.self, BasinMap.self, PhaseCommand.self],
        defaultSubcommand: Render.self
    )

    static func main() async { await mainWithOneLineErrors() }
}

/// The files the tool writes.
enum OutputFiles {
    /// Makes `directory` ready for a scene's frames: created if needed, writable, and without
    /// frames of an earlier render (a shorter run would leave some behind).
    static func prepareFrames(in directory: URL) throws {
        try prepareOutputFolder(directory)
        let old = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in old where name.hasPrefix("frame_") && name.hasSuffix(".png") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Writes `data` to `url` atomically (a temporary file renamed), creating its folder.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw SceneError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
