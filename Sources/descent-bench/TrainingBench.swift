import ArgumentParser
import CBLAS
import FashionMNIST
import Foundation
import Optimizers

/// One training epoch of the seed's MLP (forward, backward, Adam) against plain sgemm.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Seconds per Fashion-MNIST epoch and GFLOP/s of the training step, next to cblas_sgemm."
    )

    @Option(help: "Training steps per timed window; 5 steps last about as long as one reference sgemm.")
    var steps = 5

    @Option(help: "Rounds; each times one window of steps, one reference sgemm and one window of the step's own products.")
    var rounds = 20

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
            _ = try labels.withUnsafeBufferPointer { try trainer.trainStep(labels: $0, rows: rows) }
        }
        // The references run OpenBLAS as a plain caller would: on every core.
        let cores = Int32(ProcessInfo.processInfo.activeProcessorCount)

        // A large square product: what OpenBLAS reaches at its best.
        let n = side
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        func square() {
            openblas_set_num_threads(cores)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        }
        // The same products the step makes (forward, weight gradients, back-propagated errors),
        // alone: what OpenBLAS gives on these shapes, without anything of ours around them.
        let shapes = zip(network.sizes, network.sizes.dropFirst()).enumerated().flatMap { l, io -> [(Int, Int, Int, Bool, Bool)] in
            let (i, o) = io
            return [(batch, o, i, false, false), (i, o, batch, true, false)] + (l > 0 ? [(batch, i, o, false, true)] : [])
        }
        let largest = network.sizes.max()! * max(batch, network.sizes.max()!)
        let x = [Float](repeating: 0.01, count: largest), y = [Float](repeating: 0.02, count: largest)
        var z = [Float](repeating: 0, count: largest)
        func products() {
            openblas_set_num_threads(cores)
            for (m, n, k, ta, tb) in shapes {
                cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
                            1, x, Int32(ta ? m : k), y, Int32(tb ? k : n), 0, &z, Int32(n))
            }
        }

        // The machine is shared and its speed drifts: interleave the three measurements in
        // windows of about the same length, and compare best with best and median with median.
        try step(rows: batch)
        square()
        var fullSteps: [Double] = [], lastSteps: [Double] = [], squares: [Double] = [], productSteps: [Double] = []
        for _ in 0..<rounds {
            // OpenBLAS's own workers spin (sched_yield) for ~0.1 s after a multi-threaded call;
            // training never wakes them, so let them fall asleep before timing it.
            Thread.sleep(forTimeInterval: 0.3)
            fullSteps.append(try seconds { for _ in 0..<steps { try step(rows: batch) } } / Double(steps))
            lastSteps.append(try seconds { try step(rows: samples % batch) })
            squares.append(seconds(square))
            productSteps.append(seconds { for _ in 0..<steps { products() } } / Double(steps))
        }
        let flops = 2 * Double(network.forwardMultiplyAdds + network.backwardMultiplyAdds) * Double(samples)
        let squareFlops = 2 * pow(Double(n), 3), productFlops = 2 * Double(shapes.reduce(0) { $0 + $1.0 * $1.1 * $1.2 })

        print("MLP \(network.sizes.map(String.init).joined(separator: "-")), batch \(batch), \(network.parameterCount) parameters, "
              + "\(cores) cores, \(rounds) rounds of \(steps)-step windows")
        print("        training epoch (forward + backward + Adam)   sgemm \(n)^3   the step's \(shapes.count) products   training / sgemm   training / products")
        let statistics: [(name: String, pick: ([Double]) -> Double)] = [("best", { $0.min()! }), ("median", median)]
        for (name, pick) in statistics {
            let epochSeconds = 234 * pick(fullSteps) + pick(lastSteps)
            let training = flops / epochSeconds / 1e9, large = squareFlops / pick(squares) / 1e9
            let products = productFlops / pick(productSteps) / 1e9
            print(String(format: "%@%5.2f s, %4.1f ms/step, %5.1f GFLOP/s   %5.1f GFLOP/s   %5.1f GFLOP/s              %3.0f %%              %3.0f %%",
                         name.padding(toLength: 8, withPad: " ", startingAt: 0), epochSeconds, pick(fullSteps) * 1e3, training,
                         large, products, 100 * training / large, 100 * training / products))
        }
    }
}
