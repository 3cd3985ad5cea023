/// A perceptually uniform colour map: `color(at: t)` for t in [0, 1].
public struct ColorMap: Sendable {
    let stops: [Color]

    /// A map through `stops`, evenly spaced over [0, 1].
    public init(stops: [Color]) {
        precondition(stops.count >= 2)
        self.stops = stops
    }

    /// matplotlib's viridis, sampled at nine evenly spaced points and interpolated linearly.
    public static let viridis = ColorMap(stops: [
        0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725,
    ].map { Color(hex: $0) })

    /// The colour at `t` in [0, 1], between the two nearest stops (clamped outside).
    public func color(at t: Double) -> Color {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 1
        let position = clamped * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], position - Double(i))
    }
}
