import Optimizers
import Testing
@testable import FashionMNIST

@Suite struct BackwardTests {
    /// A 6-5-4-3 network on 4 random rows, its passes split over `workers` threads.
    func tinyNetwork(workers: Int = 2, library: MatrixLibrary = .oneDNN) -> (MLP, [UInt8]) {
        var rng = RandomSource(seed: 3)
        let network = MLP(sizes: [6, 5, 4, 3], maxBatch: 4, workers: workers, library: library, rng: &rng)
        for i in 0..<network.parameterCount { network.parameters[i] += Float.random(in: -0.1...0.1, using: &rng) }
        for i in 0..<4 * 6 { network.input[i] = Float.random(in: -1...1, using: &rng) }
        return (network, [0, 2, 1, 2])
    }

    func meanLoss(_ network: MLP, _ labels: [UInt8]) -> Double {
        labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: 4).lossSum } / 4
    }

    /// One worker, two (each with 2 batch rows and 3 rows of the first weight matrix), and
    /// five (one without any batch row); on either matrix library.
    @Test(arguments: [1, 2, 5], MatrixLibrary.allCases)
    func gradientsMatchCentralDifferences(workers: Int, library: MatrixLibrary) {
        let (network, labels) = tinyNetwork(workers: workers, library: library)
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

    @Test func workersAgreeOnLossAndGradients() {
        let results = [1, 2, 3, 5].map { workers in
            let (network, labels) = tinyNetwork(workers: workers)
            let score = labels.withUnsafeBufferPointer { network.trainStep(labels: $0, rows: 4) }
            return (score, Array(network.gradients))
        }
        for (score, gradients) in results.dropFirst() {
            #expect(abs(score.lossSum - results[0].0.lossSum) < 1e-5 && score.correct == results[0].0.correct)
            #expect(zip(gradients, results[0].1).allSatisfy { abs($0 - $1) < 1e-6 })
        }
    }

    /// oneDNN and OpenBLAS give the same gradients up to rounding, and each library gives
    /// the very same bits when the step is repeated.
    @Test func librariesAgreeAndRepeatThemselvesBitForBit() {
        let gradients = MatrixLibrary.allCases.map { library in
            (0..<2).map { _ in
                let (network, labels) = tinyNetwork(library: library)
                _ = labels.withUnsafeBufferPointer { network.trainStep(labels: $0, rows: 4) }
                return Array(network.gradients)
            }
        }
        for runs in gradients { #expect(runs[0] == runs[1]) }
        #expect(zip(gradients[0][0], gradients[1][0]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func matrixLibraryNames() throws {
        #expect(MatrixLibraryChoice(rawValue: "onednn")?.library == .oneDNN)
        #expect(MatrixLibraryChoice(rawValue: "openblas")?.library == .openBLAS)
        #expect(MatrixLibraryChoice(rawValue: "mkl") == nil)
        #expect(MatrixLibrary.allCases.contains(MatrixLibraryChoice.auto.library))
    }

    /// The optimizer fed piece by piece during the step moves the weights exactly as one
    /// update after the step does.
    @Test func updateDuringTheStepEqualsUpdateAfterIt() throws {
        let (separate, labels) = tinyNetwork(), (fused, _) = tinyNetwork()
        let afterwards = try Optimizer<Float>(.adam), during = try Optimizer<Float>(.adam)
        for _ in 0..<3 {
            _ = labels.withUnsafeBufferPointer { separate.trainStep(labels: $0, rows: 4) }
            try afterwards.update(parameters: separate.parameters, gradients: UnsafeBufferPointer(separate.gradients))
            let t = try during.beginUpdate(count: fused.parameterCount)
            let covered = UnsafeMutableBufferPointer<Int>.allocate(capacity: fused.parameterCount)
            defer { covered.deallocate() }
            covered.initialize(repeating: 0)
            nonisolated(unsafe) let parameters = fused.parameters, gradients = fused.gradients
            _ = labels.withUnsafeBufferPointer {
                fused.trainStep(labels: $0, rows: 4) { range in
                    during.apply(step: t, to: range, parameters: parameters, gradients: UnsafeBufferPointer(rebasing: gradients[range]))
                    for i in range { covered[i] += 1 }
                }
            }
            #expect(covered.allSatisfy { $0 == 1 }, "every parameter is handed over exactly once")
        }
        let same = Array(separate.parameters) == Array(fused.parameters)
        #expect(same)
        #expect(afterwards.state == during.state)
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
