/// Beale's function: `Σ_k (c_k - x + x·y^k)^2` for k = 1, 2, 3 and c = 1.5, 2.25, 2.625.
/// Minimum 0 at (3, 0.5), at the end of a flat, curved valley.
public struct Beale: Surface {
    /// Beale's function.
    public init() {}
    public let name = "beale"
    public let displayName = "Beale"
    public let window = Window(x: -4.5...4.5, y: -4.5...4.5)
    public let minima = [Point(3, 0.5)]
    public let colorScale = ColorScale.log

    /// The residuals `c_k - x + x·y^k` for k = 1, 2, 3 and the powers `y^k` in them, as products
    /// (`pow` took a quarter of a path's time; the cube may differ from it in the last bit).
    private static func terms(_ p: Point) -> (r: SIMD3<Double>, y: SIMD3<Double>) {
        let square = p.y * p.y
        let y = SIMD3(p.y, square, square * p.y)
        return (SIMD3(1.5, 2.25, 2.625) - p.x + p.x * y, y)
    }

    public func value(at p: Point) -> Double {
        let r = Self.terms(p).r
        return r[0] * r[0] + r[1] * r[1] + r[2] * r[2]
    }

    public func gradient(at p: Point) -> Point {
        let (r, y) = Self.terms(p)
        var g = Point(0, 0)
        for k in 0..<3 {
            g.x += 2 * r[k] * (y[k] - 1)
            g.y += 2 * r[k] * p.x * Double(k + 1) * (k == 0 ? 1 : y[k - 1])
        }
        return g
    }
}
