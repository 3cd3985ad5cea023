import Foundation
import Scenes

/// `POST /api/render?format=gif|png|mp4`: a scene in, its animated GIF, poster PNG or MP4 out,
/// made by the same `SceneRenderer` as the command line. One render runs at a time.
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

    /// Renders in a scratch folder of the server's own naming (nothing from the request becomes
    /// a path), reads the one file asked for, and removes the folder.
    static func render(_ body: Data, format: Format) throws -> Data {
        let scene = try SceneFile.parse(body, name: "scene")
        try ExplorerLimits.check(scene)
        if format == .mp4, !SceneRenderer.canEncodeMP4 { throw ExplorerError("mp4 needs ffmpeg on the server; ask for gif or png", status: .notImplemented) }
        var renderer = SceneRenderer(ScenePicture(scene: scene, paths: try scene.run()))
        renderer.gif = format == .gif
        renderer.mp4 = format == .mp4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-explorer-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try renderer.render(into: folder)
        guard let file = files.first(where: { $0.lastPathComponent == "scene.\(format.rawValue)" }) else {
            throw ExplorerError("the renderer wrote no \(format.rawValue)", status: .internalServerError)
        }
        return try Data(contentsOf: file)
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
