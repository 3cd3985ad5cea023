import Testing
import Surfaces

/// A small deterministic generator, so the random points are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct SurfaceTests {
    static let surfaces = SurfaceCatalog.all.map { SurfaceCase($0) }

    @Test(arguments: surfaces)
    func gradientMatchesCentralDifferences(_ c: SurfaceCase) {
        var rng = SplitMix64(state: 42)
        let s = c.surface, h = 1e-6
        for _ in 0..<20 {
            let p = Point(Double.random(in: s.window.x, using: &rng), Double.random(in: s.window.y, using: &rng))
            let g = s.gradient(at: p)
            let dx = (s.value(at: Point(p.x + h, p.y)) - s.value(at: Point(p.x - h, p.y))) / (2 * h)
            let dy = (s.value(at: Point(p.x, p.y + h)) - s.value(at: Point(p.x, p.y - h))) / (2 * h)
            let scale = max(1, abs(s.value(at: p)))
            #expect(abs(g.x - dx) <= 1e-6 * scale + 1e-6 * abs(dx), "\(s.name) d/dx at \(p)")
            #expect(abs(g.y - dy) <= 1e-6 * scale + 1e-6 * abs(dy), "\(s.name) d/dy at \(p)")
        }
    }

    @Test(arguments: surfaces)
    func gradientVanishesAtEachMinimum(_ c: SurfaceCase) {
        for m in c.surface.minima {
            let g = c.surface.gradient(at: m)
            #expect(abs(g.x) < 1e-9 && abs(g.y) < 1e-9, "\(c.surface.name) at \(m): \(g)")
            // The analytic surfaces' minima are at 0; a data set's fit leaves a residual loss.
            if !(c.surface is any SampledSurface) { #expect(abs(c.surface.value(at: m)) < 1e-12) }
            #expect(c.surface.window.contains(m))
        }
    }

    @Test func minimaAreListed() {
        #expect(Saddle().minima.isEmpty)
        #expect(Himmelblau().minima.count == 4)
        for s in SurfaceCatalog.all where s.name != "saddle" { #expect(!s.minima.isEmpty, "\(s.name)") }
    }

    @Test func catalogFindsByNameAndExplainsUnknownNames() throws {
        #expect(try SurfaceCatalog.named("Beale").name == "beale")
        #expect(throws: UnknownSurface.self) { try SurfaceCatalog.named("banana") }
        #expect("\(UnknownSurface(name: "banana"))"
            == "unknown surface 'banana': choose one of beale, rosenbrock, saddle, valley, rotated-valley, himmelblau, rastrigin, linear-regression, logistic-regression")
    }
}

/// Wraps a surface for parameterised tests (which need a printable, sendable argument).
struct SurfaceCase: Sendable, CustomTestStringConvertible {
    let surface: any Surface
    init(_ surface: any Surface) { self.surface = surface }
    var testDescription: String { surface.name }
}
