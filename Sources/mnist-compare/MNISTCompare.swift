import ArgumentParser
import CommandLineSupport
import FashionMNIST
import Foundation
import Optimizers

/// The seed document's experiment: the 784-1024-512-512-512-10 MLP trained on Fashion-MNIST
/// with several optimizers, compared by their train/validation accuracy (`train`, the default),
/// and the loss landscape their paths cross (`landscape`).
@main
struct MNISTCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mnist-compare",
        abstract: "Train the seed's MLP on Fashion-MNIST with several optimizers, chart their accuracy, and map their loss landscape.",
        subcommands: [Train.self, Tune.self, LandscapeCommand.self, CurvatureCommand.self],
        defaultSubcommand: Train.self
    )

    static func main() async { await mainWithOneLineErrors() }
}

/// `mnist-compare train`: every optimizer trained from the same initial weights, resumably.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the seed's MLP on Fashion-MNIST with several optimizers and chart their accuracy (the default command).",
        discussion: """
            Each finished epoch is saved under --out; running the same command again resumes \
            after the last finished epoch (--fresh starts over).
            """
    )

    @Option(help: "Comma-separated optimizers, each NAME or NAME=LEARNING_RATE (Keras defaults otherwise).")
    var optimizers = "sgd,adagrad,rmsprop,adam"

    @Option(help: "A JSON list of optimizers, each as a scene file writes it or as keras.optimizers.serialize does (instead of --optimizers).")
    var optimizersFile: String?

    // Numbers are taken as values even with a leading minus, so the range checks below answer.
    @Option(parsing: .unconditional, help: "Epochs per optimizer.")
    var epochs = 50

    @Option(parsing: .unconditional, help: "Mini-batch size.")
    var batchSize = 256

    @Option(parsing: .unconditional, help: "Seed for the initial weights and the shuffles (the first seed with --seeds).")
    var seed = 1

    @Option(parsing: .unconditional, help: "Train every optimizer from this many seeds (--seed, --seed + 1, ...); charts show mean and range.")
    var seeds = 1

    @Option(help: "Output folder for charts, history and checkpoints.")
    var out = "Output/fashion-mnist"

    @Option(parsing: .unconditional, help: "Train on the first N training images only (quick tries).")
    var trainLimit: Int?

    @OptionGroup var data: DataOptions

    @Flag(help: "Ignore saved checkpoints and start every optimizer over.")
    var fresh = false

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be > 0, got \(epochs)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be > 0, got \(batchSize)") }
        guard seed >= 0 else { throw ValidationError("--seed must be >= 0, got \(seed)") }
        guard seeds > 0 else { throw ValidationError("--seeds must be > 0, got \(seeds)") }
        if let trainLimit, trainLimit <= 0 { throw ValidationError("--train-limit must be > 0, got \(trainLimit)") }
    }

    func run() throws {
        let configurations = try parseConfigurations()
        let library = data.matrixLibrary.library
        let output = try OutputFolder(out)
        let dataset = try FashionMNISTData.load(from: data.dataDir)
        let train = dataset.train.prefix(trainLimit)
        let reporter = Reporter(epochs: epochs)
        reporter.say(libraryLine(library))
        var histories = configurations.map { OptimizerHistory(name: $0.optimizer.name, runs: []) }
        var wallTime = 0.0
        let snapshotCost = SnapshotCost()
        // Seed by seed, so the first full comparison is there before the other seeds run.
        for runSeed in seedList {
            for (o, base) in configurations.enumerated() {
                var configuration = base
                configuration.seed = runSeed
                histories[o].runs.append((runSeed, []))
                let records = try run(configuration, library: library, snapshotCost: snapshotCost, on: train, validatingOn: dataset.test, output: output,
                                        reporter: reporter) { history in
                    histories[o].runs[histories[o].runs.count - 1].records = history
                    try output.writeHistory(histories.filter { !$0.runs.isEmpty })
                }
                histories[o].runs[histories[o].runs.count - 1].records = records
                wallTime += records.reduce(0) { $0 + $1.seconds }
            }
        }
        try output.writeHistory(histories)
        try output.writeCharts(histories)
        reporter.say("")
        for history in histories {
            reporter.say(Summary.line(history))
        }
        for history in histories {
            reporter.say(Summary.epochTimes(history))
        }
        let time = wallTime < 60 ? String(format: "%.1f s", wallTime) : String(format: "%.1f min", wallTime / 60)
        reporter.say("training time \(time); charts and history in \(output.url.path)")
        if snapshotCost.count > 0 {
            reporter.say(String(format: "snapshots for the loss landscape: %d files, %.0f MB, written in %.1f s (%.2f %% of the training time)",
                                snapshotCost.count, Double(snapshotCost.bytes) / 1e6, snapshotCost.seconds, 100 * snapshotCost.seconds / max(wallTime, 1e-9)))
        }
    }

    /// Trains one optimizer from one seed for `epochs`, resuming its checkpoint when there is
    /// one and saving it after every epoch; `progress(history)` follows each epoch.
    func run(_ configuration: RunConfiguration, library: MatrixLibrary, snapshotCost: SnapshotCost,
             on train: LabeledImages, validatingOn test: LabeledImages,
               output: OutputFolder, reporter: Reporter, progress: ([EpochRecord]) throws -> Void) throws -> [EpochRecord] {
        let checkpoint = output.checkpoint(for: configuration)
        let trainer = try (fresh ? nil : Checkpoint.load(from: checkpoint, expecting: configuration, library: library))
            ?? Trainer(configuration, library: library)
        reporter.begin(configuration, resumedAt: trainer.epochsDone, seeds: seeds)
        try progress(trainer.history)
        let folder = Snapshots.folder(in: output.url, optimizer: configuration.optimizer.name, seed: configuration.seed)
        func snapshot(epoch: Double) throws {
            try snapshotCost.time {
                try Snapshots.write(trainer.network, optimizer: trainer.optimizer, epoch: epoch, of: configuration, into: folder)
            }
        }
        if trainer.optimizer.step == 0 { try snapshot(epoch: 0) }
        while trainer.epochsDone < epochs {
            var snapshotError: (any Error)?
            let record = try trainer.trainEpoch(on: train, validatingOn: test) { step, steps, loss, accuracy in
                reporter.progress(epoch: trainer.epochsDone + 1, step: step, steps: steps, loss: loss, accuracy: accuracy)
                // The early snapshots, inside the first epoch.
                let t = trainer.optimizer.step
                if t > 0, Snapshots.earlySteps.contains(t), snapshotError == nil {
                    do { try snapshot(epoch: Double(trainer.epochsDone) + Double(step) / Double(steps)) } catch { snapshotError = error }
                }
            }
            if let snapshotError { throw snapshotError }
            reporter.finished(record, steps: (train.count + batchSize - 1) / batchSize)
            if Snapshots.keeps(epoch: trainer.epochsDone, of: epochs) { try snapshot(epoch: Double(trainer.epochsDone)) }
            try Checkpoint.save(trainer, to: checkpoint)
            try progress(trainer.history)
        }
        return Array(trainer.history.prefix(epochs))
    }

    /// `matrix products on openblas (onednn 20.9 ms, openblas 17.8 ms for a step's products)`.
    func libraryLine(_ library: MatrixLibrary) -> String {
        guard data.matrixLibrary == .auto else { return "matrix products on \(library.rawValue)" }
        let timings = MatrixLibrary.timings.map { String(format: "%@ %.1f ms", $0.library.rawValue, $0.seconds * 1e3) }
        return "matrix products on \(library.rawValue) (\(timings.joined(separator: ", ")) for a step's products)"
    }

    /// The seeds every optimizer runs from.
    var seedList: [UInt64] { (0..<UInt64(seeds)).map { UInt64(seed) &+ $0 } }

    func parseConfigurations() throws -> [RunConfiguration] {
        let items = try optimizersFile.map(OptimizersFile.read)
            ?? OptimizerKind.parseList(optimizers).map { ($0.kind, $0.kind.configuration(learningRate: $0.learningRate)) }
        guard !items.isEmpty else { throw UsageError(optimizersFile == nil ? "--optimizers is empty" : "\(optimizersFile!) lists no optimizer") }
        let configurations = try items.map { kind, optimizer in
            try optimizer.validate()
            return RunConfiguration(optimizer: kind, configuration: optimizer, batchSize: batchSize, seed: UInt64(seed), trainLimit: trainLimit)
        }
        guard Set(configurations.map(\.optimizer)).count == configurations.count else {
            throw UsageError("--optimizers names an optimizer twice")
        }
        return configurations
    }
}

/// A wrong flag value, as one line.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension MatrixLibraryChoice: ExpressibleByArgument {}

/// What writing the snapshots cost over a run.
final class SnapshotCost {
    private(set) var count = 0, bytes = 0, seconds = 0.0

    func time(_ write: () throws -> Int) throws {
        let start = Date()
        bytes += try write()
        seconds += Date().timeIntervalSince(start)
        count += 1
    }
}

/// Where the images are and what multiplies: shared by `train` and `landscape`.
struct DataOptions: ParsableArguments {
    @Option(help: "Folder with the four gzip'd IDX files.")
    var dataDir = FashionMNISTData.defaultDirectory

    @Option(help: "Library for the matrix products (auto: the faster on this machine, measured at start).")
    var matrixLibrary = MatrixLibraryChoice.auto
}
