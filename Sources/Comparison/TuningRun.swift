import FashionMNIST
import Foundation

/// Trains one trial or rerun epoch by epoch, as `mnist-compare train` does (the same trainer,
/// subnormals flushed, products on the plan's library), saving a checkpoint after every epoch
/// so that a killed job loses at most the epoch under way.
struct TuningRun {
    let configuration: RunConfiguration
    let epochs: Int
    let library: MatrixLibrary
    /// Where the finished record will go; the checkpoint and partial record sit beside it.
    let record: URL
    let records: TuningRecords

    /// What the run produced: its epochs, the test figures of each (reruns only), and whether
    /// it stopped early because it diverged.
    struct Outcome {
        var epochs: [EpochRecord]
        var tests: [FinalEpoch]
        var diverged: Bool
    }

    /// Trains on `split`, validating on its validation images and, when `test` is given,
    /// measuring the test images after every epoch too; stops a run that diverges when
    /// `stopsOnDivergence`. `afterEpoch` follows each saved epoch.
    func train(_ split: ValidationSplit, test: LabeledImages?, stopsOnDivergence: Bool,
               progress: (String) -> Void, afterEpoch: () throws -> Void) throws -> Outcome {
        let checkpoint = records.checkpointURL(record), partial = records.partialURL(record)
        var trainer = try Checkpoint.load(from: checkpoint, expecting: configuration, library: library) ?? Trainer(configuration, library: library)
        var tests = test == nil ? [] : (try? TuningRecords.decoder.decode([FinalEpoch].self, from: Data(contentsOf: partial))) ?? []
        if trainer.epochsDone > epochs || (test != nil && tests.count < trainer.epochsDone) {
            trainer = try Trainer(configuration, library: library)
        }
        tests = Array(tests.prefix(trainer.epochsDone))
        if trainer.epochsDone > 0 { progress("resuming after epoch \(trainer.epochsDone)") }
        while trainer.epochsDone < epochs, !(stopsOnDivergence && Self.diverged(trainer.history)) {
            let record = try trainer.trainEpoch(on: split.train, validatingOn: split.validation)
            if let test {
                let start = DispatchTime.now().uptimeNanoseconds
                let score = trainer.evaluate(test)
                tests.append(FinalEpoch(record: record, testAccuracy: score.accuracy, testLoss: score.loss,
                                        testSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
                try records.write(tests, to: partial)
            }
            try Checkpoint.save(trainer, to: checkpoint)
            progress(String(format: "epoch %d/%d %.1fs val_accuracy %.4f val_loss %.4f", record.epoch, epochs, record.seconds,
                            record.valAccuracy, record.valLoss))
            try afterEpoch()
        }
        return Outcome(epochs: trainer.history, tests: tests, diverged: stopsOnDivergence && Self.diverged(trainer.history))
    }

    /// Removes the checkpoint and partial record once the finished record is written.
    func clean() {
        try? FileManager.default.removeItem(at: records.checkpointURL(record))
        try? FileManager.default.removeItem(at: records.partialURL(record))
    }

    /// Whether the last epoch's loss is not finite or exceeds 5× the first epoch's.
    static func diverged(_ history: [EpochRecord]) -> Bool {
        guard let first = history.first?.loss, let last = history.last?.loss else { return false }
        return !last.isFinite || !first.isFinite || last > TuningPlan.divergenceFactor * first
    }
}
