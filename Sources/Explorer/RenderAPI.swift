import Foundation
import ScenePictures
import Scenes

/// `POST /api/render?format=gif|png|mp4`: a scene in, its animated GIF, poster PNG or MP4 out,
/// made by the same `SceneAnimation` as the command line. One render runs at a time.
enum RenderAPI {
    enum Format: String, CaseIterable {
        case gif, png, mp4

        var contentType: String {
            switch self {
            case .gif: "image/gif"
            case .png: "image/png"
            case .mp4: "video/mp4"
            }
        }
    }

    static func render(_ body: Data, format: Format) throws -> Data {
        let scene = try SceneFile.parse(body, name: "scene")
        try ExplorerLimits.check(scene)
        let animation = try SceneAnimation(scene: scene, runs: try scene.runAll())
        switch format {
        case .png: return try animation.poster()
        case .gif: return try animation.render(gif: true).gif!
        case .mp4: return try movie(animation)
        }
    }

    /// ffmpeg reads frames from files: they go into a scratch folder of the server's own naming
    /// (nothing from the request becomes a path), removed afterwards.
    static func movie(_ animation: SceneAnimation) throws -> Data {
        guard Movie.canEncode else { throw ExplorerError("mp4 needs ffmpeg on the server; ask for gif or png", status: .notImplemented) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-explorer-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try animation.render(frames: folder, gif: false)
        let url = folder.appendingPathComponent("scene.mp4")
        try Movie.encode(frames: folder, to: url)
        return try Data(contentsOf: url)
    }
}

/// Lets one render through at a time; the others are turned away at once (HTTP 503).
final class RenderGate: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false

    /// Runs `body` unless a render is already running.
    func run<T>(_ body: () throws -> T) throws -> T {
        let entered = lock.withLock {
            guard !busy else { return false }
            busy = true
            return true
        }
        guard entered else { throw ExplorerError("a render is already running; try again when it has finished", status: .serviceUnavailable) }
        defer { lock.withLock { busy = false } }
        return try body()
    }
}
