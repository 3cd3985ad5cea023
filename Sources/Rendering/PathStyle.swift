/// How a path is drawn over a map, at full size (``PlotLayout/mark(_:)`` scales the marks of a
/// small picture): the numbers the renderer draws with and the explorer's page is sent.
public struct PathStyle: Sendable, Encodable {
    /// How many of the most recent steps make up the bright, fading tail.
    public var tail = 40
    /// The tail's pieces, each wider and more opaque than the one before.
    public var tailSegments = 8
    /// The faint trace from the start to the head.
    public var traceWidth = 1.5, traceAlpha = 0.45
    /// The tail's last piece (its first is the trace's width and `1 - tailAlpha` more transparent).
    public var tailWidth = 3.0, tailAlpha = 0.75
    /// The head: a disc with a black outline.
    public var headRadius = 5.5, headOutline = 1.2
    /// A diverged path's head: a cross of two strokes.
    public var crossArm = 6.0, crossWidth = 3.0
    /// Other runs' positions (a noisy scene): discs in the path's colour this much whiter.
    public var cloudRadius = 2.5, cloudWhitening = 0.3

    /// The renderer's style.
    public static let standard = PathStyle()

    /// Width and opacity of tail piece `s` (from 0) of ``tailSegments``.
    public func tailPiece(_ s: Int) -> (width: Double, alpha: Double) {
        let t = Double(s + 1) / Double(tailSegments)
        return (traceWidth + (tailWidth - traceWidth) * t, 1 - tailAlpha + tailAlpha * t)
    }

    enum CodingKeys: String, CodingKey {
        case tail, tailSegments = "tail_segments", traceWidth = "trace_width", traceAlpha = "trace_alpha", tailWidth = "tail_width",
             tailAlpha = "tail_alpha", headRadius = "head_radius", headOutline = "head_outline", crossArm = "cross_arm",
             crossWidth = "cross_width", cloudRadius = "cloud_radius", cloudWhitening = "cloud_whitening"
    }
}
