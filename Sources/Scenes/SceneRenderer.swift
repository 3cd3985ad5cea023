import Dispatch
import Foundation
import Rendering

/// Renders a scene's frames as PNG files, in parallel, plus a poster (the last frame, compressed
/// hard), an animated GIF and, when ffmpeg is installed, an MP4.
public struct SceneRenderer: Sendable {
    public let picture: ScenePicture
    /// Write `<name>.gif` beside the frames.
    public var gif = true
    /// Write `<name>.mp4` when an `ffmpeg` executable is on the PATH.
    public var mp4 = true

    public init(_ picture: ScenePicture) {
        self.picture = picture
    }

    /// Whether ``render(into:progress:)`` can write an MP4 here (ffmpeg is on the PATH).
    public static var canEncodeMP4: Bool { Movie.ffmpeg != nil }

    /// The frames' file names, `frame_0000.png` on.
    public static func frameName(_ k: Int) -> String { String(format: "frame_%04d.png", k) }

    /// Draws frame `k` over the cached background.
    func draw(_ k: Int, background: Raster, plot: any AnimatedPlot) -> Canvas {
        plot.frame(over: background, step: picture.scene.step(atFrame: k))
    }

    /// Writes every frame into `directory` (created if needed; old frames removed first).
    /// `progress(done, total)` is called as frames finish, from any thread.
    /// Returns the files written.
    @discardableResult
    public func render(into directory: URL, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> [URL] {
        let scene = picture.scene
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SceneError("cannot create output folder \(directory.path): \(error.localizedDescription)")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw SceneError("output folder \(directory.path) is not writable; pass another --out")
        }
        let old = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in old where name.hasPrefix("frame_") && name.hasSuffix(".png") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        let plot = picture.plot
        let background = plot.background(width: scene.width, height: scene.height).raster()
        // The last frame holds every path: it picks the GIF's palette and becomes the poster.
        let last = draw(scene.frames - 1, background: background, plot: plot)
        let palette = gif ? try GIFPalette(rgb: last.rgb(), width: scene.width, height: scene.height) : nil
        let results = FrameResults(count: scene.frames)
        // Runs of consecutive frames, several per core: within a run each frame's GIF difference
        // is taken against the frame before, kept from the last iteration; only a run's first
        // frame draws its predecessor afresh (drawing is deterministic), so no frame is drawn
        // twice but those few, and no more than one frame per core is held in memory.
        let runLength = 8, runs = (scene.frames + runLength - 1) / runLength
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var previous: [UInt8]? = nil
            for k in run * runLength..<min((run + 1) * runLength, scene.frames) {
                guard !results.failed else { return }
                do {
                    let canvas = draw(k, background: background, plot: plot)
                    try canvas.writePNG(to: directory.appendingPathComponent(Self.frameName(k)))
                    let frame = palette.map { palette in
                        let rgb = canvas.rgb()
                        if previous == nil, k > 0 { previous = draw(k - 1, background: background, plot: plot).rgb() }
                        defer { previous = rgb }
                        return QuantizedFrame(rgb: rgb, imageWidth: scene.width, imageHeight: scene.height, previous: previous,
                                                  palette: palette)
                    }
                    progress(results.finish(k, frame), scene.frames)
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.error { throw error }
        var files = (0..<scene.frames).map { directory.appendingPathComponent(Self.frameName($0)) }
        // The last frame again, compressed hard: a still to keep or share.
        let poster = directory.appendingPathComponent("\(scene.name).png")
        try last.writePNG(to: poster, fast: false)
        files.append(poster)
        if let palette {
            let url = directory.appendingPathComponent("\(scene.name).gif")
            let writer = try GIFWriter(url: url, width: scene.width, height: scene.height, palette: palette, delayCentiseconds: 4)
            for frame in results.frames { try writer.add(frame!) }
            try writer.finish()
            files.append(url)
        }
        if mp4, let movie = try Movie.encode(frames: directory, name: scene.name) { files.append(movie) }
        return files
    }
}

/// Collects what the parallel frame workers produce.
final class FrameResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var frames: [QuantizedFrame?]
    private(set) var error: (any Error)?
    private var done = 0

    init(count: Int) { frames = Array(repeating: nil, count: count) }

    var failed: Bool { lock.withLock { error != nil } }

    func finish(_ k: Int, _ frame: QuantizedFrame?) -> Int {
        lock.withLock {
            frames[k] = frame
            done += 1
            return done
        }
    }

    func fail(_ e: any Error) { lock.withLock { if error == nil { error = e } } }
}

/// MP4 through ffmpeg, when it is installed (`sudo apt-get install ffmpeg`).
enum Movie {
    static var ffmpeg: URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffmpeg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Encodes `frame_%04d.png` in `directory` as H.264 at 25 frames/s; nil when ffmpeg is absent.
    static func encode(frames directory: URL, name: String) throws -> URL? {
        guard let ffmpeg else { return nil }
        let url = directory.appendingPathComponent("\(name).mp4")
        let temporary = directory.appendingPathComponent(".\(name).\(getpid()).tmp.mp4")
        let process = Process()
        process.executableURL = ffmpeg
        process.arguments = ["-loglevel", "error", "-y", "-framerate", "25", "-i", directory.appendingPathComponent("frame_%04d.png").path,
                             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", temporary.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SceneError("ffmpeg could not encode \(url.path)")
        }
        return url
    }
}
