import ArgumentParser
import CommandLineSupport
import Foundation
import Scenes

/// Optimizers stepping across loss surfaces: animations (`render`, the default), basin maps,
/// and the explorer page (`serve`).
@main
struct Trajectories: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectories",
        abstract: "Animate gradient-descent optimizers on 2D loss surfaces, map their basins, or explore them in a browser.",
        subcommands: [Render.self, BasinMap.self, Serve.self],
        defaultSubcommand: Render.self
    )

    static func main() async { await mainWithOneLineErrors() }
}

/// Files the tool writes besides frames.
enum OutputFiles {
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
