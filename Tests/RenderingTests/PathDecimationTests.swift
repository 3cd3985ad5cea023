import Foundation
import Testing
@testable import Rendering

@Suite struct PathDecimationTests {
    /// The points a stroke list draws, as (from, to) index pairs.
    func segments(_ strokes: [Int]) -> [(Int, Int)] {
        zip(strokes, strokes.dropFirst()).compactMap { a, b in b < 0 ? nil : (PathDecimation.index(a), b) }
    }

    /// A path that halves its distance to the origin every step, in pixels: after about
    /// log2(100 / 0.5) steps it stays in one cell, however long it runs.
    @Test func aConvergedPathKeepsAHandfulOfAMillionPoints() {
        let strokes = PathDecimation.strokes(count: 1_000_000, tolerance: 0.5) { k in SIMD3(100 * pow(0.5, Double(k)) + 0.25, 0.25, 0) }
        #expect(strokes.first == 0 && strokes.last == 999_999)
        #expect(strokes.count < 12, "\(strokes)")
    }

    /// An optimizer that jitters between two spots forever: the stroke is drawn once.
    @Test func aPathBouncingBetweenTwoSpotsIsStrokedOnce() {
        let strokes = PathDecimation.strokes(count: 1_000_000, tolerance: 0.5) { k in SIMD3(k % 2 == 0 ? 10 : 20, 10, 0) }
        #expect(strokes == [0, 1, -1_000_000], "\(strokes.prefix(10))")
    }

    /// Every move of the path that crosses a cell boundary is drawn by some stroke between
    /// the same two cells, so the trace shows everywhere the path went.
    @Test func everyCrossingIsCoveredByAStroke() {
        let position = { (k: Int) -> SIMD3<Double> in
            let r = 50 * exp(-Double(k) / 4000) + 5, a = Double(k) / 10
            return SIMD3(r * cos(a) + 0.1, r * sin(a) + 0.1, 0)
        }
        let cell = { (k: Int) -> SIMD3<Int> in let p = position(k) / 0.5; return SIMD3(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)), 0) }
        let strokes = PathDecimation.strokes(count: 40_000, tolerance: 0.5, position: position)
        #expect(strokes.count < 20_000)
        struct Pair: Hashable { let a: SIMD3<Int>, b: SIMD3<Int> }
        var drawn = Set<Pair>()
        for (a, b) in segments(strokes) { drawn.insert(Pair(a: cell(a), b: cell(b))); drawn.insert(Pair(a: cell(b), b: cell(a))) }
        for k in 1..<40_000 where cell(k) != cell(k - 1) {
            #expect(drawn.contains(Pair(a: cell(k - 1), b: cell(k))), "step \(k)")
        }
    }

    @Test func aNonFinitePointIsKept() {
        let strokes = PathDecimation.strokes(count: 4, tolerance: 0.5) { k in SIMD3(k == 2 ? .nan : 0, 0, 0) }
        #expect(strokes == [0, 2, 3])
    }

    @Test func theHeadAndTheEnd() {
        let layer = PathLayer(label: "A", color: .red, points: [(0, 0), (1, 1), (2, 2)], diverged: true)
        #expect([-40, 0, 1, 2, 10_000].map { layer.index(atStep: $0) } == [0, 0, 1, 2, 2])
        #expect(!layer.ended(at: 1) && layer.ended(at: 2))
        #expect(layer.strokes == [0, 1, 2])
    }
}
