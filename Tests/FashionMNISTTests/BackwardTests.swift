import Testing
@testable import FashionMNIST

@Suite struct BackwardTests {
    /// A 6-5-4-3 network on 4 random rows.
    func tinyNetwork() -> (MLP, [UInt8]) {
        var rng = RandomSource(seed: 3)
        let network = MLP(sizes: [6, 5, 4, 3], maxBatch: 4, rng: &rng)
        for i in 0..<network.parameterCount { network.parameters[i] += Float.random(in: -0.1...0.1, using: &rng) }
        for i in 0..<4 * 6 { network.input[i] = Float.random(in: -1...1, using: &rng) }
        return (network, [0, 2, 1, 2])
    }

    func meanLoss(_ network: MLP, _ labels: [UInt8]) -> Double {
        labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: 4).lossSum } / 4
    }

    @Test func gradientsMatchCentralDifferences() {
        let (network, labels) = tinyNetwork()
        let input = Array(network.input.prefix(24))
        _ = labels.withUnsafeBufferPointer { network.trainStep(labels: $0, rows: 4) }
        let analytic = Array(network.gradients)
        let h: Float = 1e-2
        var worst = 0.0
        for i in 0..<network.parameterCount {
            let saved = network.parameters[i]
            network.parameters[i] = saved + h
            _ = network.input.update(fromContentsOf: input)
            let up = meanLoss(network, labels)
            network.parameters[i] = saved - h
            _ = network.input.update(fromContentsOf: input)
            let down = meanLoss(network, labels)
            network.parameters[i] = saved
            let numeric = (up - down) / Double(2 * h)
            worst = max(worst, abs(numeric - Double(analytic[i])))
        }
        #expect(network.parameterCount == 6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3)
        #expect(worst < 1e-3, "largest |numeric - analytic| = \(worst)")
        #expect(analytic.contains { abs($0) > 1e-2 }, "gradients should not all vanish")
    }

    @Test func crossEntropyStaysFiniteForHugeLogits() {
        // logits (1000, -1000, 0): label 0 costs ~0, label 1 costs 2000, label 2 costs 1000.
        var logits: [Float] = [1000, -1000, 0, 1000, -1000, 0, 1000, -1000, 0]
        let score = logits.withUnsafeMutableBufferPointer { z in
            [UInt8](arrayLiteral: 0, 1, 2).withUnsafeBufferPointer {
                Softmax.crossEntropy(z, labels: $0, rows: 3, classes: 3)
            }
        }
        #expect(score.lossSum.isFinite)
        #expect(abs(score.lossSum - 3000) < 1e-3)
        #expect(score.correct == 1)
        #expect(logits.allSatisfy { $0.isFinite })
        #expect(logits[0] == 1 && logits[1] == 0)
    }

    @Test func sameSeedSameWeights() {
        var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
        let x = MLP(sizes: [5, 4, 2], maxBatch: 1, rng: &a), y = MLP(sizes: [5, 4, 2], maxBatch: 1, rng: &b)
        let same = Array(x.parameters) == Array(y.parameters)
        #expect(same)
        // glorot-uniform limit of the first layer: sqrt(6 / (5 + 4)); biases start at zero
        let limit = Float((6.0 / 9).squareRoot())
        #expect(x.parameters.prefix(20).allSatisfy { abs($0) <= limit })
        #expect(x.parameters[20..<24].allSatisfy { $0 == 0 })
    }
}
