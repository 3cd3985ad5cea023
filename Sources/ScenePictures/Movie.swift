import Foundation
import Rendering
import Scenes

/// MP4 through ffmpeg, when it is installed (`sudo apt-get install ffmpeg`).
public enum Movie {
    /// Whether ffmpeg is on the PATH.
    public static var canEncode: Bool { ffmpeg != nil }

    static var ffmpeg: URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffmpeg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Encodes the frames a `FrameAnimation` wrote into `directory` as H.264 at 25 frames/s into
    /// `url` (atomically); false when ffmpeg is absent.
    @discardableResult
    public static func encode(frames directory: URL, to url: URL) throws -> Bool {
        guard let ffmpeg else { return false }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp.mp4")
        let process = Process()
        process.executableURL = ffmpeg
        process.arguments = ["-loglevel", "error", "-y", "-framerate", "25", "-i", directory.appendingPathComponent(FrameAnimation.framePattern).path,
                             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", temporary.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SceneError("ffmpeg could not encode \(url.path)")
        }
        return true
    }
}
