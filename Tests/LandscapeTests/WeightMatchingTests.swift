import Foundation
import Testing
@testable import FashionMNIST
@testable import Landscape

/// Weight matching: a permuted network computes the same function, and matching finds the
/// permutation back.
@Suite struct WeightMatchingTests {
    static let sizes = [12, 9, 7, 4]

    static func network(_ parameters: [Float], rng: inout RandomSource) -> MLP {
        let network = MLP(sizes: sizes, maxBatch: 16, workers: 1, library: .oneDNN, rng: &rng)
        _ = network.parameters.update(fromContentsOf: parameters)
        return network
    }

    @Test func aPermutedNetworkComputesTheSameFunctionAndMatchingFindsItBack() {
        var rng = RandomSource(seed: 5)
        let count = MLP.parameterCount(sizes: Self.sizes)
        let a = (0..<count).map { _ in Float.random(in: -0.5...0.5, using: &rng) }
        let shuffled = Self.sizes.dropFirst().dropLast().map { Array(0..<$0).shuffled(using: &rng) }
        let b = WeightMatching.permute(a, sizes: Self.sizes, by: shuffled)
        #expect(b != a)
        // The same outputs on the same images, to float rounding.
        let images = (0..<16 * Self.sizes[0]).map { _ in Float.random(in: 0...1, using: &rng) }
        let labels = (0..<16).map { UInt8($0 % 4) }
        let scores = [a, b].map { parameters in
            let network = Self.network(parameters, rng: &rng)
            _ = network.input.update(fromContentsOf: images)
            return labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: 16) }
        }
        #expect(abs(scores[0].lossSum - scores[1].lossSum) < 1e-5 && scores[0].correct == scores[1].correct, "\(scores)")
        // Matching b to a undoes the shuffle exactly.
        let found = WeightMatching.permutations(aligning: b, to: a, sizes: Self.sizes)
        #expect(WeightMatching.permute(b, sizes: Self.sizes, by: found) == a)
    }

    @Test func theHungarianAlgorithmFindsTheBestAssignment() {
        // Every permutation of 5 checked by brute force.
        var rng = RandomSource(seed: 9)
        let n = 5, weights = (0..<n * n).map { _ in Double.random(in: 0...1, using: &rng) }
        func total(_ p: [Int]) -> Double { p.enumerated().reduce(0) { $0 + weights[$1.offset * n + $1.element] } }
        func all(_ rest: [Int]) -> [[Int]] { rest.isEmpty ? [[]] : rest.flatMap { x in all(rest.filter { $0 != x }).map { [x] + $0 } } }
        let best = all(Array(0..<n)).max { total($0) < total($1) }!
        #expect(abs(total(Hungarian.maximise(weights, size: n)) - total(best)) < 1e-12)
    }
}

/// The barrier to a shuffled copy of a network: the line between them rises (their hidden units
/// are mixed halfway), and aligning the copy makes the line a point — no barrier at all.
@Suite struct BarrierTests {
    @Test func aligningAShuffledCopyRemovesItsBarrier() {
        var rng = RandomSource(seed: 11)
        let sizes = [LabeledImages.features, 16, 16, 10], count = MLP.parameterCount(sizes: sizes)
        let a = (0..<count).map { _ in Float.random(in: -0.3...0.3, using: &rng) }
        let shuffles = sizes.dropFirst().dropLast().map { Array(0..<$0).shuffled(using: &rng) }
        let b = WeightMatching.permute(a, sizes: sizes, by: shuffles)
        let images = LabeledImages(pixels: (0..<64 * LabeledImages.features).map { _ in Float.random(in: 0...1, using: &rng) },
                                   labels: (0..<64).map { UInt8($0 % 10) })
        let probe = LossProbe(sizes: sizes, images: images, library: .oneDNN)
        let (before, after, moved) = Barrier.beforeAndAfterAlignment(a, b, sizes: sizes, points: 5, probe: probe)
        #expect(moved == shuffles.reduce(0) { n, p in n + p.indices.filter { p[$0] != $0 }.count } && moved > 20, "every unit the shuffle moved")
        #expect(abs(before.losses.first! - before.losses.last!) < 1e-5, "the same function at both ends")
        #expect(before.losses[2] != before.losses[0], "halfway the units are mixed")
        #expect(after.height < 1e-9 && after.losses.allSatisfy { abs($0 - after.losses[0]) < 1e-9 }, "\(after.losses)")
        #expect(before.positions == [0, 0.25, 0.5, 0.75, 1])
    }
}
