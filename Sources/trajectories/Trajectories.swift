import ArgumentParser
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
}

/// Runs `body`; any failure becomes one line on stderr and a non-zero exit.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw report(error)
    }
}

/// The same for a command that runs asynchronously (the explorer's server).
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw report(error)
    }
}

/// Writes `error` as one line on stderr; the exit to throw instead.
private func report(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("trajectories: error: \(error)\n".utf8))
    return ExitCode.failure
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
