import ArgumentParser
import FashionMNIST
import Foundation
import Optimizers

/// Training steps of the seed's MLP on real Fashion-MNIST batches, from a fresh network and
/// from a late-training state, against the machine's FMA peak and the best large product of
/// oneDNN and OpenBLAS, all measured in the same run.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Seconds per Fashion-MNIST epoch, early and late in training, next to the FMA peak and large sgemms."
    )

    @Option(help: "Training steps per timed window; about a second, so the step is timed at the speed it keeps up.")
    var steps = 50

    @Option(help: "Rounds; each times every window, the FMA peak and one reference sgemm per library.")
    var rounds = 10

    @Option(help: "Side of the square reference sgemms.")
    var side = 2048

    @Option(help: "Library for the step's products (auto: the faster here).")
    var matrixLibrary = MatrixLibraryChoice.auto

    @Option(help: "Epochs of Adam and RMSprop behind the late-training state.")
    var lateEpochs = 20

    @Option(help: "Folder that keeps the late-training states (made once, then reused).")
    var cache = "Output/bench"

    @Option(help: "Folder with the four gzip'd IDX files.")
    var dataDir = FashionMNISTData.defaultDirectory

    func run() throws {
        let library = matrixLibrary.library
        guard lateEpochs > 0, steps > 0, rounds > 0 else { throw ValidationError("--late-epochs, --steps and --rounds must be > 0") }
        let data = try FashionMNISTData.load(from: dataDir)
        let batch = 256, samples = data.train.count
        // Every window trains on the same batches: the first `steps` of one shuffle.
        var rng = RandomSource(seed: 7)
        let order = Array((0..<samples).shuffled(using: &rng).prefix(steps * batch))
        let windows = try [OptimizerKind.adam, .rmsprop].map { kind in
            try LateStateWindows(kind, lateEpochs: lateEpochs, cache: cache, data: data, library: library)
        }

        // The references run each library as a plain caller would: one large product on every core.
        let cores = ProcessInfo.processInfo.activeProcessorCount, n = side
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        func square(_ library: MatrixLibrary) { library.product(n, n, n, a, b, false, &c) }
        func oneDNNSquare() { square(.oneDNN) }
        func openBLASSquare() { square(.openBLAS) }

        // The machine is shared and its speed drifts: interleave the measurements, and compare
        // best with best and median with median.
        oneDNNSquare()
        openBLASSquare()
        let adam = windows[0]
        var lastSteps: [Double] = [], peaks: [Double] = [], oneDNN: [Double] = [], openBLAS: [Double] = []
        for _ in 0..<rounds {
            // OpenBLAS's workers spin (sched_yield) for ~0.1 s after a multi-threaded call, and
            // OpenMP's for a moment: let them fall asleep before timing the steps.
            Thread.sleep(forTimeInterval: 0.3)
            for window in windows { try window.time(order: order, batch: batch, of: data.train) }
            lastSteps.append(try adam.timeFreshStep(order: order.prefix(samples % batch), of: data.train))
            peaks.append(MachinePeak.fmaGFLOPs())
            oneDNN.append(seconds(oneDNNSquare))
            openBLAS.append(seconds(openBLASSquare))
        }
        let network = adam.fresh.network
        let flops = 2 * Double(network.forwardMultiplyAdds + network.backwardMultiplyAdds) * Double(samples)
        let squareFlops = 2 * pow(Double(n), 3)
        let fullSteps = Double(samples / batch)
        func epoch(_ stepTimes: [Double], _ time: ([Double]) -> Double) -> Double { fullSteps * time(stepTimes) + time(lastSteps) }

        print("CPU: \(MachinePeak.cpuModel), \(cores) cores; FMA peak loop in \(MachinePeak.fmaVectors); "
              + MatrixLibrary.allCases.map(\.kernels).joined(separator: "; "))
        let choice = MatrixLibrary.timings.map { String(format: "%@ %.2f ms", $0.library.rawValue, $0.seconds * 1e3) }.joined(separator: ", ")
        print("step products on \(library.rawValue) (a step's products on all cores, best of 5: \(choice))")
        print("MLP \(network.sizes.map(String.init).joined(separator: "-")), batch \(batch), \(network.parameterCount) parameters, "
              + "\(rounds) rounds of \(steps)-step windows on Fashion-MNIST batches")
        print("        training epoch, fresh Adam (forward + backward + update)   FMA peak       oneDNN \(n)^3  OpenBLAS \(n)^3   training / peak   training / best sgemm")
        let statistics: [(name: String, time: ([Double]) -> Double, rate: ([Double]) -> Double)] =
            [("best", { $0.min()! }, { $0.max()! }), ("median", { Statistics.median($0) }, { Statistics.median($0) })]
        for (name, time, rate) in statistics {
            let epochSeconds = epoch(adam.freshSteps, time)
            let training = flops / epochSeconds / 1e9, peak = rate(peaks)
            let dnnl = squareFlops / time(oneDNN) / 1e9, blas = squareFlops / time(openBLAS) / 1e9
            print(String(format: "%@%5.2f s, %5.1f ms/step, %5.1f GFLOP/s                 %5.1f GFLOP/s  %5.1f GFLOP/s  %5.1f GFLOP/s           %3.0f %%              %3.0f %%",
                         name.padding(toLength: 8, withPad: " ", startingAt: 0), epochSeconds, time(adam.freshSteps) * 1e3, training,
                         peak, dnnl, blas, 100 * training / peak, 100 * training / max(dnnl, blas)))
        }
        print("\nEarly and late in training (epoch seconds from the windows; late: after \(lateEpochs) epochs):")
        print("                 fresh     late      late / fresh   late, subnormals not flushed   not flushed / flushed")
        for window in windows {
            for (name, time, _) in statistics {
                let fresh = epoch(window.freshSteps, time), late = epoch(window.lateSteps, time)
                let slow = epoch(window.lateUnflushedSteps, time)
                print(String(format: "%@ %@%6.2f s  %6.2f s     %5.2fx          %6.2f s                        %5.2fx",
                             window.kind.displayName.padding(toLength: 8, withPad: " ", startingAt: 0),
                             name.padding(toLength: 7, withPad: " ", startingAt: 0), fresh, late, late / fresh, slow, slow / late))
            }
        }
    }
}

/// One optimizer's fresh network and late-training state, each put back before every window so
/// that every window times the same steps from the same state.
final class LateStateWindows {
    let kind: OptimizerKind
    let fresh: Trainer, late: Trainer
    private let freshState: (parameters: [Float], optimizer: OptimizerState<Float>)
    private let lateState: (parameters: [Float], optimizer: OptimizerState<Float>)
    /// Seconds per step of each window.
    private(set) var freshSteps: [Double] = [], lateSteps: [Double] = [], lateUnflushedSteps: [Double] = []

    /// Loads the late state of `kind` from `cache`, training (and saving after every epoch, so
    /// an interrupted bench resumes) up to `lateEpochs` epochs when it is not there yet.
    init(_ kind: OptimizerKind, lateEpochs: Int, cache: String, data: FashionMNISTData, library: MatrixLibrary) throws {
        self.kind = kind
        let configuration = RunConfiguration(optimizer: kind)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: cache).appendingPathComponent("checkpoint-late-\(kind.name)-seed\(configuration.seed).bin")
        late = try Checkpoint.load(from: url, expecting: configuration, library: library) ?? Trainer(configuration, library: library)
        while late.epochsDone < lateEpochs {
            let record = try late.trainEpoch(on: data.train, validatingOn: data.test)
            try Checkpoint.save(late, to: url)
            print(String(format: "late state: %@ epoch %d/%d in %.1f s (val_accuracy %.4f), saved in %@",
                         kind.displayName, record.epoch, lateEpochs, record.seconds, record.valAccuracy, url.path))
        }
        fresh = try Trainer(configuration, library: library)
        freshState = (Array(fresh.network.parameters), fresh.optimizer.state)
        lateState = (Array(late.network.parameters), late.optimizer.state)
    }

    /// Times one window from each state: fresh, late, and late with subnormals not flushed.
    func time(order: [Int], batch: Int, of set: LabeledImages) throws {
        freshSteps.append(try time(fresh, from: freshState, order: order, batch: batch, of: set))
        lateSteps.append(try time(late, from: lateState, order: order, batch: batch, of: set))
        late.network.flushesSubnormals = false
        defer { late.network.flushesSubnormals = true }
        lateUnflushedSteps.append(try time(late, from: lateState, order: order, batch: batch, of: set))
    }

    /// Seconds of one step of the fresh network on the images at `order`.
    func timeFreshStep(order: ArraySlice<Int>, of set: LabeledImages) throws -> Double {
        try put(fresh, back: freshState)
        return try seconds { _ = try fresh.trainStep(on: order, of: set) }
    }

    private func time(_ trainer: Trainer, from state: (parameters: [Float], optimizer: OptimizerState<Float>),
                      order: [Int], batch: Int, of set: LabeledImages) throws -> Double {
        try put(trainer, back: state)
        let steps = order.count / batch
        return try seconds {
            for s in 0..<steps { _ = try trainer.trainStep(on: order[s * batch..<(s + 1) * batch], of: set) }
        } / Double(steps)
    }

    private func put(_ trainer: Trainer, back state: (parameters: [Float], optimizer: OptimizerState<Float>)) throws {
        _ = trainer.network.parameters.update(fromContentsOf: state.parameters)
        try trainer.optimizer.restore(state.optimizer)
    }
}
