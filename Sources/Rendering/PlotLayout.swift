/// How big margins, fonts and marks are for an image size. The full layout needs 480×360;
/// a smaller image shrinks it (fonts no smaller than 70 %, so they stay legible), and one
/// smaller than 240×180 keeps no room for text: only the plot, its paths and marks remain.
public struct PlotLayout: Sendable {
    /// How much of the full layout fits, from 0 to 1.
    public let fit: Double

    /// The layout of a `width` × `height` picture.
    public init(width: Int, height: Int) {
        fit = min(1, Double(width) / 480, Double(height) / 360)
    }

    /// Whether titles, tick labels, the legend and the step counter are drawn.
    public var showsText: Bool { fit >= 0.5 }

    /// A length of the full layout (a margin, a font size), scaled to this image.
    public func text(_ full: Double) -> Double { full * max(fit, 0.7) }

    /// A mark's size (a star, a path's head), scaled to this image but never below 40 %.
    public func mark(_ full: Double) -> Double { full * max(fit, 0.4) }

    /// The plot rectangle inside an image of `width` × `height` with the given full-layout
    /// margins, or 3-pixel margins when there is no room for text.
    public func plotRectangle(width: Int, height: Int, left: Double, top: Double, right: Double, bottom: Double)
        -> (x: Double, y: Double, width: Double, height: Double) {
        let (l, t, r, b) = showsText ? (text(left), text(top), text(right), text(bottom)) : (3, 3, 3, 3)
        return (l, t, max(1, Double(width) - l - r), max(1, Double(height) - t - b))
    }
}
