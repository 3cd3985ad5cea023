import ArgumentParser
import CBLAS
import FashionMNIST
import Foundation
import Optimizers

/// One training epoch of the seed's MLP (forward, backward, Adam) against plain sgemm.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Seconds per Fashion-MNIST epoch and GFLOP/s of the training step, next to a large cblas_sgemm."
    )

    @Option(help: "Training steps timed (an epoch is 234 full batches and one of 96).")
    var steps = 60

    @Option(help: "Side of the square reference sgemm.")
    var side = 2048

    func run() throws {
        var rng = RandomSource(seed: 7)
        let batch = 256, samples = 60_000
        let trainer = try Trainer(RunConfiguration(optimizer: .adam, batchSize: batch))
        let network = trainer.network
        for i in 0..<network.input.count { network.input[i] = Float.random(in: 0...1, using: &rng) }
        let labels = (0..<batch).map { _ in UInt8.random(in: 0...9, using: &rng) }
        func step(rows: Int) throws {
            _ = labels.withUnsafeBufferPointer { network.trainStep(labels: $0, rows: rows) }
            try trainer.optimizer.update(parameters: network.parameters, gradients: UnsafeBufferPointer(network.gradients))
        }
        try step(rows: batch)  // warm up threads and slots
        let fullStep = try bestTime(repeats: 3) { for _ in 0..<steps { try step(rows: batch) } } / Double(steps)
        let lastStep = try bestTime(repeats: 3) { try step(rows: samples % batch) }
        let epochSeconds = 234 * fullStep + lastStep
        let flops = 2 * Double(network.forwardMultiplyAdds + network.backwardMultiplyAdds) * Double(samples)
        let trainingRate = flops / epochSeconds / 1e9

        let n = side
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        let sgemmSeconds = bestTime(repeats: 5) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        }
        let sgemmRate = 2 * pow(Double(n), 3) / sgemmSeconds / 1e9

        print("MLP \(network.sizes.map(String.init).joined(separator: "-")), batch \(batch), \(network.parameterCount) parameters")
        print(String(format: "training epoch (forward + backward + Adam): %.2f s/epoch, %.1f ms/step, %.1f GFLOP/s", epochSeconds, fullStep * 1e3, trainingRate))
        print(String(format: "cblas_sgemm %dx%dx%d:                    %.1f GFLOP/s", n, n, n, sgemmRate))
        print(String(format: "training / sgemm throughput: %.0f %%", 100 * trainingRate / sgemmRate))
    }
}
