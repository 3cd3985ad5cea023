import Foundation

/// The long valley turned by `angle` degrees: `u^2/20 + 5v^2` with `u = x cos a + y sin a`,
/// `v = -x sin a + y cos a`. The same curvatures as ``LongValley`` (100 to 1), along a diagonal
/// instead of the axes: a rule that scales each coordinate apart (Adagrad, RMSprop, Adam) loses
/// the edge it had on the unturned valley, while SGD and momentum, which never look at the axes,
/// take the same path turned.
public struct RotatedValley: Surface {
    /// The turn, in degrees, counter-clockwise.
    public let angle: Double
    private let cosine: Double, sine: Double

    /// The valley turned by `angle` degrees (45 by default: the built-in `rotated-valley`).
    public init(angle: Double = 45) {
        self.angle = angle
        cosine = cos(angle * .pi / 180)
        sine = sin(angle * .pi / 180)
    }

    public let name = "rotated-valley"
    public var displayName: String { String(format: "Long valley turned %g°", angle) }
    public let window = Window(x: -10...10, y: -7.5...7.5)
    public let minima = [Point(0, 0)]
    public let colorScale = ColorScale.log

    /// `p` in the valley's own coordinates (along, across).
    func turned(_ p: Point) -> (u: Double, v: Double) { (p.x * cosine + p.y * sine, -p.x * sine + p.y * cosine) }

    /// The point whose valley coordinates are (`along`, `across`): the long valley's start
    /// (-9, 1.5) turned is `point(along: -9, across: 1.5)`.
    public func point(along u: Double, across v: Double) -> Point { Point(u * cosine - v * sine, u * sine + v * cosine) }

    public func value(at p: Point) -> Double {
        let (u, v) = turned(p)
        return u * u / 20 + 5 * v * v
    }

    public func gradient(at p: Point) -> Point {
        let (u, v) = turned(p)
        let du = u / 10, dv = 10 * v
        return Point(du * cosine - dv * sine, du * sine + dv * cosine)
    }
}
