import Dispatch
import Foundation

/// An animation of a plot: one frame per entry of `steps`, each drawn once, in parallel; what it
/// makes is returned — the poster (the last frame, compressed hard) and the animated GIF as
/// bytes — and the frames are written as PNG files only into a folder the caller names.
public struct FrameAnimation: Sendable {
    /// What each frame draws.
    public let plot: any AnimatedPlot
    /// The frames' size in pixels.
    public let width: Int, height: Int
    /// The step each frame shows, never falling.
    public let steps: [Int]
    /// How long the GIF shows each frame, in hundredths of a second.
    public let delay: Int

    /// An animation of `plot` at `width` × `height`, a frame per step of `steps`, each shown `delayCentiseconds` in the GIF.
    public init(plot: any AnimatedPlot, width: Int, height: Int, steps: [Int], delayCentiseconds: Int = 4) {
        precondition(!steps.isEmpty, "an animation has at least one frame")
        precondition(zip(steps, steps.dropFirst()).allSatisfy { $0 <= $1 }, "frame steps never fall")
        self.plot = plot
        self.width = width
        self.height = height
        self.steps = steps
        delay = delayCentiseconds
    }

    /// What ``render(frames:gif:progress:)`` made.
    public struct Output: Sendable {
        /// The last frame as a PNG, compressed hard: a still to keep or share.
        public let poster: Data
        /// The animated GIF (one shared palette, each frame storing only what changed), if asked for.
        public let gif: Data?
    }

    /// The frames' file names, `frame_0000.png` on, as a `printf` pattern (ffmpeg reads them so).
    public static let framePattern = "frame_%04d.png"
    /// Frame `k`'s file name: `frame_0007.png`.
    public static func frameName(_ k: Int) -> String { String(format: framePattern, k) }

    /// The poster alone, drawing only the last frame.
    public func poster() throws -> Data {
        let background = try plot.background(width: width, height: height).raster()
        return try plot.frame(over: background, step: steps[steps.count - 1]).pngData(fast: false)
    }

    /// Draws every frame; writes each as ``frameName(_:)`` into `frames` when given (an existing
    /// folder); encodes the GIF when `gif`. `progress(done, total)` is called as frames finish,
    /// from any thread.
    public func render(frames: URL? = nil, gif: Bool = true, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Output {
        let plot = plot, steps = steps, count = steps.count, width = width, height = height
        let background = try plot.background(width: width, height: height).raster()
        // The last frame holds every path: it picks the GIF's palette and becomes the poster.
        let last = try plot.frame(over: background, step: steps[count - 1])
        let palette = gif ? try GIFPalette(rgb: last.rgb(), width: width, height: height) : nil
        let results = FrameResults(count: count)
        // Runs of consecutive frames, two per core: a run's frames share a layer of what has
        // settled (a ``FrameSequence``), so a finished trace is drawn once a run, not once a
        // frame. Each frame's GIF difference is taken against the frame before, kept from the
        // last iteration; a run starts one frame early for it (drawing is deterministic), and no
        // more than one frame per core is held in memory.
        let runs = min(count, 2 * ProcessInfo.processInfo.activeProcessorCount), runLength = (count + runs - 1) / runs
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let first = run * runLength, end = min(first + runLength, count)
            guard first < end else { return }
            let sequence: FrameSequence, start: [UInt8]?
            do {
                sequence = try FrameSequence(plot: plot, background: background)
                start = palette != nil && first > 0 ? try sequence.frame(step: steps[first - 1]).rgb() : nil
            } catch {
                return results.fail(error)
            }
            var previous = start
            for k in first..<end {
                guard !results.failed else { return }
                do {
                    let canvas = try sequence.frame(step: steps[k])
                    if let frames { try canvas.writePNG(to: frames.appendingPathComponent(Self.frameName(k))) }
                    let frame = palette.map { palette in
                        let rgb = canvas.rgb()
                        defer { previous = rgb }
                        return QuantizedFrame(rgb: rgb, imageWidth: width, imageHeight: height, previous: previous, palette: palette)
                    }
                    progress(results.finish(k, frame), count)
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.error { throw error }
        let animation = try palette.map { palette in
            let encoder = try GIFEncoder(width: width, height: height, palette: palette, delayCentiseconds: delay)
            for case let frame? in results.frames { try encoder.add(frame) }
            return try encoder.finish()
        }
        return Output(poster: try last.pngData(fast: false), gif: animation)
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
