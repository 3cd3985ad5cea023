import Foundation

/// Beale's function: `Σ_k (c_k - x + x·y^k)^2` for k = 1, 2, 3 and c = 1.5, 2.25, 2.625.
/// Minimum 0 at (3, 0.5), at the end of a flat, curved valley.
public struct Beale: Surface {
    public init() {}
    public let name = "beale"
    public let displayName = "Beale"
    public let window = Window(x: -4.5...4.5, y: -4.5...4.5)
    public let minima = [Point(3, 0.5)]
    public let colorScale = ColorScale.log

    private static let constants: [Double] = [1.5, 2.25, 2.625]

    /// The residual `c_k - x + x·y^k` of term k.
    private func residual(_ k: Int, _ p: Point) -> Double {
        Self.constants[k - 1] - p.x + p.x * pow(p.y, Double(k))
    }

    public func value(at p: Point) -> Double {
        (1...3).reduce(0) { sum, k in let r = residual(k, p); return sum + r * r }
    }

    public func gradient(at p: Point) -> Point {
        var g = Point(0, 0)
        for k in 1...3 {
            let r = residual(k, p)
            g.x += 2 * r * (pow(p.y, Double(k)) - 1)
            g.y += 2 * r * p.x * Double(k) * pow(p.y, Double(k - 1))
        }
        return g
    }
}
