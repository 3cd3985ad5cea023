import ArgumentParser
import CBLAS
import CDNNL
import FashionMNIST
import Foundation
import Optimizers

/// One training epoch of the seed's MLP (forward, backward, Adam) against the machine's FMA
/// peak and the best large product of oneDNN and OpenBLAS, all measured in the same run.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Seconds per Fashion-MNIST epoch and GFLOP/s of the training step, next to the FMA peak and large sgemms."
    )

    @Option(help: "Training steps per timed window; about a second, so the step is timed at the speed it keeps up.")
    var steps = 50

    @Option(help: "Rounds; each times a window of steps, the FMA peak and one reference sgemm per library.")
    var rounds = 10

    @Option(help: "Side of the square reference sgemms.")
    var side = 2048

    @Option(help: "Library for the step's products: auto (the faster here), onednn or openblas.")
    var matrixLibrary = "auto"

    func run() throws {
        let library = try MatrixLibrary.named(matrixLibrary) ?? .fastest
        var rng = RandomSource(seed: 7)
        let batch = 256, samples = 60_000
        let trainer = try Trainer(RunConfiguration(optimizer: .adam, batchSize: batch), library: library)
        let network = trainer.network
        for i in 0..<network.input.count { network.input[i] = Float.random(in: 0...1, using: &rng) }
        let labels = (0..<batch).map { _ in UInt8.random(in: 0...9, using: &rng) }
        func step(rows: Int) throws {
            _ = try labels.withUnsafeBufferPointer { try trainer.trainStep(labels: $0, rows: rows) }
        }

        // The references run each library as a plain caller would: one large product on every core.
        let cores = Int32(ProcessInfo.processInfo.activeProcessorCount), n = side
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        func oneDNNSquare() {
            omp_set_num_threads(cores)
            _ = dnnl_sgemm(78, 78, Int64(n), Int64(n), Int64(n), 1, a, Int64(n), b, Int64(n), 0, &c, Int64(n))
        }
        func openBLASSquare() {
            openblas_set_num_threads(cores)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        }

        // The machine is shared and its speed drifts: interleave the measurements, and compare
        // best with best and median with median.
        try step(rows: batch)
        oneDNNSquare()
        openBLASSquare()
        var fullSteps: [Double] = [], lastSteps: [Double] = [], peaks: [Double] = [], oneDNN: [Double] = [], openBLAS: [Double] = []
        for _ in 0..<rounds {
            // OpenBLAS's workers spin (sched_yield) for ~0.1 s after a multi-threaded call, and
            // OpenMP's for a moment: let them fall asleep before timing the step.
            Thread.sleep(forTimeInterval: 0.3)
            fullSteps.append(try seconds { for _ in 0..<steps { try step(rows: batch) } } / Double(steps))
            lastSteps.append(try seconds { try step(rows: samples % batch) })
            peaks.append(MachinePeak.fmaGFLOPs())
            oneDNN.append(seconds(oneDNNSquare))
            openBLAS.append(seconds(openBLASSquare))
        }
        let flops = 2 * Double(network.forwardMultiplyAdds + network.backwardMultiplyAdds) * Double(samples)
        let squareFlops = 2 * pow(Double(n), 3)

        print("CPU: \(MachinePeak.cpuModel), \(cores) cores; FMA peak loop in \(MachinePeak.fmaVectors); "
              + "oneDNN \(MachinePeak.oneDNNVersion) dispatches to \(MachinePeak.oneDNNISA); OpenBLAS core: \(MachinePeak.openBLASCore)")
        let choice = MatrixLibrary.timings.map { String(format: "%@ %.2f ms", $0.library.rawValue, $0.seconds * 1e3) }.joined(separator: ", ")
        print("step products on \(library.rawValue) (a step's products on all cores, best of 5: \(choice))")
        print("MLP \(network.sizes.map(String.init).joined(separator: "-")), batch \(batch), \(network.parameterCount) parameters, "
              + "\(rounds) rounds of \(steps)-step windows")
        print("        training epoch (forward + backward + Adam)   FMA peak       oneDNN \(n)^3  OpenBLAS \(n)^3   training / peak   training / best sgemm")
        let statistics: [(name: String, time: ([Double]) -> Double, rate: ([Double]) -> Double)] =
            [("best", { $0.min()! }, { $0.max()! }), ("median", median, median)]
        for (name, time, rate) in statistics {
            let epochSeconds = 234 * time(fullSteps) + time(lastSteps)
            let training = flops / epochSeconds / 1e9, peak = rate(peaks)
            let dnnl = squareFlops / time(oneDNN) / 1e9, blas = squareFlops / time(openBLAS) / 1e9
            print(String(format: "%@%5.2f s, %5.1f ms/step, %5.1f GFLOP/s   %5.1f GFLOP/s  %5.1f GFLOP/s  %5.1f GFLOP/s           %3.0f %%              %3.0f %%",
                         name.padding(toLength: 8, withPad: " ", startingAt: 0), epochSeconds, time(fullSteps) * 1e3, training,
                         peak, dnnl, blas, 100 * training / peak, 100 * training / max(dnnl, blas)))
        }
    }
}
