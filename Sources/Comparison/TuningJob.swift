import FashionMNIST
import Foundation
import Optimizers

/// A whole fair comparison: every optimizer's trials on the training split, judged on the
/// validation split; each one's best setting chosen; the choices rerun over seeds with the
/// test set measured; the files and pictures. One process does it all, or shares of it run
/// anywhere (`shard`) and a merge assembles them; a killed job resumes where it stopped.
public struct TuningJob {
    /// What to run.
    public var plan: TuningPlan
    /// The validation accuracy to race to; nil: 0.5 points below the lowest of the optimizers'
    /// median final validation accuracies.
    public var target: Double?
    /// Run only share `index` (from 1) of `count`: of the trials, or of the reruns once every
    /// trial has its record.
    public var shard: (index: Int, count: Int)?
    /// Assemble the records the shares wrote instead of training.
    public var merge = false
    /// Delete earlier records and checkpoints first.
    public var fresh = false
    /// Called after every saved epoch (a test interrupts a job with it).
    public var afterEpoch: () throws -> Void = {}

    /// A job that runs `plan` in one process.
    public init(plan: TuningPlan) { self.plan = plan }

    /// The matrix library the records in `out` were made with, if there are any: a resumed or
    /// merged job keeps it rather than measure the libraries again.
    public static func recordedLibrary(in out: URL) -> MatrixLibrary? {
        let folder = TuningRecords(in: out).folder
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
        for file in files {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
               let record = try? TuningRecords.decoder.decode(TrialRecord.self, from: data) {
                return MatrixLibrary(rawValue: record.plan.library)
            }
        }
        return nil
    }

    /// Runs the job into `out`, reading the training images with `trainImages` and, only for
    /// the reruns, the test images with `testImages`. `report` gets each line to print.
    public func run(in out: URL, trainImages: () throws -> LabeledImages, testImages: () throws -> LabeledImages,
                    report: (String) -> Void) throws {
        let items = try plan.trialItems()
        guard let library = MatrixLibrary(rawValue: plan.library) else { throw TuningError("unknown matrix library \(plan.library)") }
        let records = TuningRecords(in: out)
        // The split is checked before anything is written; a merge reads no images.
        let split = merge ? nil : try ValidationSplit(try trainImages(), validation: plan.validationSize, trainLimit: plan.trainLimit)
        if merge {
            guard FileManager.default.fileExists(atPath: records.folder.path) else {
                throw TuningError("\(records.folder.path) holds no records: run the shares (--shard K/N) first")
            }
        } else {
            if fresh { try? FileManager.default.removeItem(at: records.folder) }
            do {
                try FileManager.default.createDirectory(at: records.folder, withIntermediateDirectories: true)
            } catch {
                throw TuningError("cannot create \(records.folder.path): \(error.localizedDescription)")
            }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var trials = try items.map { try records.read(TrialRecord.self, at: records.trialURL($0.optimizer.name, $0.index), plan: plan) }
        let trialsMissing = trials.filter { $0 == nil }.count
        if merge, trialsMissing > 0 {
            let first = items[trials.firstIndex { $0 == nil }!]
            throw TuningError("\(trialsMissing) of \(items.count) trials have no record (the first: \(first.optimizer.name) trial \(first.index)): "
                + "run every share of the trials (--shard K/N) before --merge")
        }
        var spent = 0.0
        if !merge, trialsMissing > 0 {
            for (n, item) in items.enumerated() where trials[n] == nil && inShare(n) {
                trials[n] = try runTrial(item, number: n + 1, of: items.count, split: split!, library: library, records: records,
                                         spent: &spent, report: report)
            }
            if shard != nil {
                return report("share \(shard!.index)/\(shard!.count) of the trials done; when every share is, run --merge, then the shares again for the reruns")
            }
        }
        let trialGroups = group(trials.compactMap { $0 })
        let chosen = try zip(plan.optimizers, trialGroups).map { kind, records in
            guard let best = TuningChoice.chosen(records) else {
                throw TuningError("every trial of \(kind.name) diverged: lower the rates (--rates)")
            }
            return best
        }
        let finalItems = plan.finalItems()
        var finals = try finalItems.map { try records.read(FinalRecord.self, at: records.finalURL($0.optimizer.name, $0.seed), plan: plan) }
        let finalsMissing = finals.filter { $0 == nil }.count
        if merge, finalsMissing > 0, finalsMissing < finalItems.count {
            let first = finalItems[finals.firstIndex { $0 == nil }!]
            throw TuningError("\(finalsMissing) of \(finalItems.count) reruns have no record (the first: \(first.optimizer.name) seed \(first.seed)): "
                + "run every share of the reruns (--shard K/N) before --merge")
        }
        if !merge, finalsMissing > 0 {
            let test = try testImages()
            for (n, item) in finalItems.enumerated() where finals[n] == nil && inShare(n) {
                let setting = chosen[plan.optimizers.firstIndex(of: item.optimizer)!].setting
                finals[n] = try runFinal(item.optimizer, setting: setting, seed: item.seed, number: n + 1, of: finalItems.count,
                                         split: split!, test: test, library: library, records: records, spent: &spent, report: report)
            }
            if shard != nil {
                return report("share \(shard!.index)/\(shard!.count) of the reruns done; when every share is, run --merge")
            }
        }
        let done = finals.compactMap { $0 }
        let finalGroups = done.isEmpty ? [] : plan.optimizers.map { kind in done.filter { $0.optimizer == kind.name } }
        let outputs = TuningOutputs(trials: trialGroups, finals: finalGroups, plan: plan,
                                    target: target ?? TuningChoice.defaultTarget(finalGroups), stepsPerEpoch: done.first?.stepsPerEpoch ?? 0)
        try write(outputs, to: out)
        outputs.table.forEach(report)
        if done.isEmpty {
            report("trials merged: tuned-optimizers.json holds the choices; run the shares again (--shard K/N) for the reruns, then --merge")
        }
        if spent > 0 {
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            report(String(format: "wall time %.1f min; the epochs' own time (training, validation, test) %.1f min: %.3fx", wall / 60, spent / 60, wall / spent))
        }
    }

    /// Whether the `n`-th item (from 0) is this process's: all of them without a share.
    func inShare(_ n: Int) -> Bool { shard.map { n % $0.count == $0.index - 1 } ?? true }

    /// Records grouped by optimizer, in the plan's order.
    func group(_ trials: [TrialRecord]) -> [[TrialRecord]] {
        plan.optimizers.map { kind in trials.filter { $0.optimizer == kind.name } }
    }

    func runTrial(_ item: TrialItem, number: Int, of count: Int, split: ValidationSplit, library: MatrixLibrary, records: TuningRecords,
                  spent: inout Double, report: (String) -> Void) throws -> TrialRecord {
        let url = records.trialURL(item.optimizer.name, item.index)
        let run = TuningRun(configuration: try plan.runConfiguration(item.optimizer, item.setting, seed: plan.seed, trainCount: split.train.count),
                            epochs: plan.trialEpochs, library: library, record: url, records: records)
        let label = "trial \(number)/\(count): \(item.optimizer.name) \(item.setting.description)\(item.isDefault ? " (Keras default)" : "")"
        report(label)
        let outcome = try run.train(split, test: nil, stopsOnDivergence: true, progress: { report("  " + $0) }, afterEpoch: afterEpoch)
        if outcome.diverged { report("  diverged: stopped after epoch \(outcome.epochs.count)") }
        spent += outcome.epochs.reduce(0) { $0 + $1.seconds }
        let record = TrialRecord(plan: plan, optimizer: item.optimizer.name, trial: item.index, setting: item.setting, isDefault: item.isDefault,
                                 epochs: outcome.epochs, diverged: outcome.diverged)
        try records.write(record, to: url)
        run.clean()
        return record
    }

    func runFinal(_ kind: OptimizerKind, setting: TrialSetting, seed: UInt64, number: Int, of count: Int, split: ValidationSplit,
                  test: LabeledImages, library: MatrixLibrary, records: TuningRecords, spent: inout Double,
                  report: (String) -> Void) throws -> FinalRecord {
        let url = records.finalURL(kind.name, seed)
        let run = TuningRun(configuration: try plan.runConfiguration(kind, setting, seed: seed, trainCount: split.train.count),
                            epochs: plan.finalEpochs, library: library, record: url, records: records)
        report("rerun \(number)/\(count): \(kind.name) \(setting.description), seed \(seed)")
        let outcome = try run.train(split, test: test, stopsOnDivergence: false, progress: { report("  " + $0) }, afterEpoch: afterEpoch)
        spent += outcome.tests.reduce(0) { $0 + $1.record.seconds + $1.testSeconds }
        let steps = (split.train.count + plan.batchSize - 1) / plan.batchSize
        let record = FinalRecord(plan: plan, optimizer: kind.name, seed: seed, setting: setting, stepsPerEpoch: steps, epochs: outcome.tests)
        try records.write(record, to: url)
        run.clean()
        return record
    }

    /// The files and pictures of what is done: the trials' always, the reruns' once they ran.
    func write(_ outputs: TuningOutputs, to out: URL) throws {
        func save(_ data: Data, _ name: String) throws {
            do { try data.write(to: out.appendingPathComponent(name), options: .atomic) } catch {
                throw TuningError("cannot write \(out.appendingPathComponent(name).path): \(error.localizedDescription)")
            }
        }
        try save(Data(outputs.trialsCSV.utf8), "trials.csv")
        try save(outputs.tunedOptimizersJSON, "tuned-optimizers.json")
        try save(try TuningCharts.sensitivity(outputs.trials, trialEpochs: plan.trialEpochs).render().pngData(fast: false), "sensitivity.png")
        guard !outputs.finals.isEmpty else { return }
        try save(Data(outputs.finalsCSV.utf8), "finals.csv")
        try save(Data(outputs.summaryCSV.utf8), "summary.csv")
        try save(try TuningCharts.tunedAccuracy(outputs.finals).render().pngData(fast: false), "tuned-accuracy.png")
        try save(try TuningCharts.timeToTarget(outputs.finals, target: outputs.target).render().pngData(fast: false), "time-to-target.png")
    }
}
