import Foundation
import Surfaces
import Testing

/// The data surfaces: exact gradients, and minibatch gradients that average to them.
@Suite struct SampledSurfaceTests {
    static let surfaces: [any SampledSurface] = [LinearRegression(), LogisticRegression()]

    @Test(arguments: [0, 1])
    func theFullBatchGradientMatchesFiniteDifferences(_ k: Int) {
        let s = Self.surfaces[k], h = 1e-6
        for p in [s.minima[0], Point(s.minima[0].x + 0.7, s.minima[0].y - 1.3), Point(0.3, -2)] {
            let g = s.gradient(at: p)
            let dx = (s.value(at: Point(p.x + h, p.y)) - s.value(at: Point(p.x - h, p.y))) / (2 * h)
            let dy = (s.value(at: Point(p.x, p.y + h)) - s.value(at: Point(p.x, p.y - h))) / (2 * h)
            #expect(abs(g.x - dx) < 1e-6 * max(1, abs(dx)) && abs(g.y - dy) < 1e-6 * max(1, abs(dy)), "\(s.name) at \(p)")
            // The full batch, as a list of samples, is the exact gradient.
            let all = s.gradient(at: p, samples: Array(0..<s.sampleCount))
            #expect(abs(all.x - g.x) <= 1e-12 * max(1, abs(g.x)) && abs(all.y - g.y) <= 1e-12 * max(1, abs(g.y)))
        }
        // The minimum is stationary.
        let m = s.gradient(at: s.minima[0])
        #expect(abs(m.x) < 1e-9 && abs(m.y) < 1e-9, "\(s.name): \(m)")
    }

    @Test(arguments: [0, 1])
    func batchGradientsAverageToTheFullOne(_ k: Int) {
        // Ten batches of 20 that cover the 200 samples once.
        let s = Self.surfaces[k], p = Point(0.5, 1.5), g = s.gradient(at: p)
        let batches = (0..<10).map { b in Array(b * 20..<(b + 1) * 20) }
        let grads = batches.map { s.gradient(at: p, samples: $0) }
        let mean = Point(grads.map(\.x).reduce(0, +) / 10, grads.map(\.y).reduce(0, +) / 10)
        #expect(abs(mean.x - g.x) < 1e-12 * max(1, abs(g.x)) && abs(mean.y - g.y) < 1e-12 * max(1, abs(g.y)))
        #expect(grads[0] != grads[1], "batches differ")
    }

    @Test func batchesAreDistinctSamplesFromTheSeedAndStep() {
        let s = LinearRegression()
        let a = s.batch(size: 32, seed: 3, step: 7), b = s.batch(size: 32, seed: 3, step: 7)
        #expect(a == b && Set(a).count == 32 && a.allSatisfy { (0..<200).contains($0) })
        #expect(a != s.batch(size: 32, seed: 3, step: 8) && a != s.batch(size: 32, seed: 4, step: 7))
        #expect(Set(s.batch(size: 200, seed: 1, step: 1)) == Set(0..<200))
    }

    @Test func theLinearValleyIsLong() {
        // Curvature along w1 (x1's variance, about 9) against w2 (about 0.01).
        let s = LinearRegression(), m = s.minima[0], h = 1e-3
        let along1 = (s.value(at: Point(m.x + h, m.y)) - s.value(at: m)) / (h * h), along2 = (s.value(at: Point(m.x, m.y + h)) - s.value(at: m)) / (h * h)
        #expect(along1 / along2 > 300)
    }
}
