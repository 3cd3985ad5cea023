import Foundation
import Testing
import TestSupport
@testable import Comparison
import FashionMNIST
import Optimizers

/// The fair-comparison protocol, tested directly on tiny in-memory data and a small network.
@Suite(.timeLimit(.minutes(3))) struct ComparisonTests {
    /// `count` images of noise whose label is their index mod 10, and pixel 0 their index
    /// (so a test can tell which images a split took).
    static func images(_ count: Int) -> LabeledImages {
        var rng = RandomSource(seed: 7)
        var pixels = (0..<count * LabeledImages.features).map { _ in Float.random(in: 0..<1, using: &rng) }
        for i in 0..<count { pixels[i * LabeledImages.features] = Float(i) }
        return LabeledImages(pixels: pixels, labels: (0..<count).map { UInt8($0 % 10) })
    }

    /// A plan small enough to run in a second: 3 rates a decade from 0.01 to 1, two epochs,
    /// two seeds of two epochs, on 64 training and 32 validation images of a 784-16-10 network.
    static func plan(_ optimizers: [OptimizerKind] = [.sgd, .adam]) throws -> TuningPlan {
        var plan = TuningPlan(optimizers: optimizers, rates: try LearningRateGrid("0.01:1:1"), library: .oneDNN)
        (plan.trialEpochs, plan.finalSeeds, plan.finalEpochs, plan.batchSize) = (2, 2, 2, 16)
        (plan.validationSize, plan.sizes) = (32, [784, 16, 10])
        return plan
    }

    static func run(_ job: TuningJob, in out: URL, test: @escaping () throws -> LabeledImages = { images(32) }) throws -> [String] {
        var lines: [String] = []
        try job.run(in: out, trainImages: { images(96) }, testImages: test, report: { lines.append($0) })
        return lines
    }

    /// The outputs' text with the wall-time columns dropped (the only figures that differ between runs).
    static func outputs(_ out: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in ["trials.csv", "finals.csv", "summary.csv", "tuned-optimizers.json"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let timed = Set(rows.first?.indices.filter { rows[0][$0].contains("seconds") } ?? [])
            let kept = rows.map { row in row.indices.filter { !timed.contains($0) }.map { String(row[$0]) }.joined(separator: ",") }
            files[name] = kept.joined(separator: "\n")
        }
        return files
    }

    @Test func theSplitIsDisjointAndFixed() throws {
        let split = try ValidationSplit(Self.images(100), validation: 30, trainLimit: 50)
        let first = { (set: LabeledImages) in (0..<set.count).map { Int(set.pixels[$0 * LabeledImages.features]) } }
        #expect(first(split.train) == Array(0..<50))
        #expect(first(split.validation) == Array(70..<100))
        #expect(first(try ValidationSplit(Self.images(100), validation: 30).train) == Array(0..<70))
        #expect(throws: TuningError.self) { try ValidationSplit(Self.images(100), validation: 100) }
    }

    @Test func theRateGridHoldsKerasDefaults() throws {
        let rates = try LearningRateGrid("1e-5:1:3").rates
        #expect(rates.count == 16)
        #expect(rates.first == 1e-5 && rates.last == 1 && rates.contains(0.001) && rates.contains(0.01))
        #expect(rates[1] == 2.15443469003e-05)
        for bad in ["1:1e-5:3", "0:1:3", "1e-5:1:0", "1e-5:1", "a:b:c"] {
            #expect(throws: TuningError.self, "\(bad)") { try LearningRateGrid(bad) }
        }
    }

    @Test func haltonPointsAreTheSameForEveryOptimizer() throws {
        #expect([1, 2, 3, 4].map { SearchSpace.radicalInverse($0, base: 2) } == [0.5, 0.25, 0.75, 0.125])
        #expect(SearchSpace.radicalInverse(1, base: 3) == 1.0 / 3)
        let json = Data(#"{"beta_1": [0.8, 0.99], "momentum": [0, 0.95], "weight_decay": [1e-5, 0.1, "log"]}"#.utf8)
        var plan = try Self.plan([.sgd, .adam])
        plan.space = try SearchSpace(json: json, file: "space.json", optimizers: plan.optimizers)
        plan.trials = 5
        let items = try plan.trialItems()
        let sgd = items.filter { $0.optimizer == .sgd }, adam = items.filter { $0.optimizer == .adam }
        #expect(sgd.count == 6 && adam.count == 6, "5 points and the Keras default of each")
        for (s, a) in zip(sgd.prefix(5), adam.prefix(5)) {
            #expect(s.setting.learningRate == a.setting.learningRate)
            #expect(s.setting.values["weight_decay"] == a.setting.values["weight_decay"])
            #expect(s.setting.values.keys.sorted() == ["momentum", "weight_decay"] && a.setting.values.keys.sorted() == ["beta_1", "weight_decay"])
        }
        #expect(sgd.last!.isDefault && sgd.last!.setting == TrialSetting(learningRate: 0.01))
        let first = adam[0].setting
        #expect(first.learningRate == LearningRateGrid.rounded(pow(10, -2 + 0.5 * 2)), "the first Halton point: 1/2 in base 2")
        #expect(abs(first.values["beta_1"]! - (0.8 + 0.19 / 3)) < 1e-9)
    }

    @Test(arguments: [
        (#"{"beta_3": [0, 1]}"#, "unknown key 'beta_3'"),
        (#"{"rho": [0.5, 0.9]}"#, "no optimizer of --optimizers has the key 'rho'"),
        (#"{"beta_1": [0.9, 0.8]}"#, "'beta_1' must be [LOW, HIGH]"),
        (#"{"weight_decay": [0, 0.1, "log"]}"#, "LOW > 0 on a log scale"),
        (#"[1, 2]"#, "is not a JSON object"),
    ])
    func badSpacesAreOneLine(json: String, message: String) throws {
        let error = #expect(throws: TuningError.self) {
            try SearchSpace(json: Data(json.utf8), file: "space.json", optimizers: [.sgd, .adam])
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    static func trial(_ rate: Double, _ accuracy: Double, index: Int, diverged: Bool = false) throws -> TrialRecord {
        TrialRecord(plan: try plan(), optimizer: "adam", trial: index, setting: TrialSetting(learningRate: rate), isDefault: false,
                    epochs: [EpochRecord(epoch: 1, accuracy: 0, loss: 1, valAccuracy: accuracy, valLoss: 1, seconds: 1)], diverged: diverged)
    }

    @Test func theChoiceIsTheBestFinalValidationTiesToTheSmallerRate() throws {
        let trials = [try Self.trial(0.1, 0.9, index: 1), try Self.trial(0.01, 0.9, index: 2), try Self.trial(0.001, 0.8, index: 3),
                      try Self.trial(1, 0.95, index: 4, diverged: true)]
        #expect(TuningChoice.chosen(trials)?.setting.learningRate == 0.01)
        #expect(TuningChoice.chosen([try Self.trial(1, 0.95, index: 1, diverged: true)]) == nil)
    }

    @Test func divergenceIsANonFiniteLossOrFiveTimesTheFirst() {
        let history = { (losses: [Double]) in losses.enumerated().map { EpochRecord(epoch: $0.offset + 1, accuracy: 0, loss: $0.element, valAccuracy: 0, valLoss: 0, seconds: 1) } }
        #expect(!TuningRun.diverged(history([2, 1, 9.9])))
        #expect(TuningRun.diverged(history([2, 1, 10.1])))
        #expect(TuningRun.diverged(history([2, .nan])))
        #expect(TuningRun.diverged(history([.infinity])))
        #expect(!TuningRun.diverged([]))
    }

    static func final(_ seed: UInt64, _ accuracies: [Double]) throws -> FinalRecord {
        FinalRecord(plan: try plan(), optimizer: "adam", seed: seed, setting: TrialSetting(learningRate: 0.001), stepsPerEpoch: 10,
                    epochs: accuracies.enumerated().map { e, a in
                        FinalEpoch(record: EpochRecord(epoch: e + 1, accuracy: a, loss: 1, valAccuracy: a, valLoss: 1, seconds: 2),
                                   testAccuracy: a - 0.01, testLoss: 1, testSeconds: 0.1)
                    })
    }

    @Test func timeToTargetIsTheMedianOverSeeds() throws {
        let runs = [try Self.final(1, [0.5, 0.8, 0.9]), try Self.final(2, [0.85, 0.95, 0.7]), try Self.final(3, [0.5, 0.6, 0.7])]
        #expect(TuningChoice.timeToTarget(runs, target: 0.8, stepsPerEpoch: 10) == TuningChoice.Reach(epoch: 2, seconds: 4, steps: 20))
        #expect(TuningChoice.timeToTarget(runs, target: 0.9, stepsPerEpoch: 10) == TuningChoice.Reach(epoch: 3, seconds: 6, steps: 30))
        #expect(TuningChoice.timeToTarget(runs, target: 0.92, stepsPerEpoch: 10) == nil, "two of three runs never reach it")
        #expect(abs(TuningChoice.defaultTarget([runs]) - (0.7 - 0.005)) < 1e-12)
        let tests = TuningChoice.testAccuracies(runs)
        #expect(tests.final.map { ($0 * 100).rounded() } == [89, 69, 69])
        #expect(tests.bestValidation.map { ($0 * 100).rounded() } == [89, 94, 69], "seed 2's best validation is its epoch 2")
    }

    /// A trial whose loss overflows stops at the epoch it diverges; the budget it did not
    /// use is not spent.
    @Test func aDivergedTrialStopsEarly() throws {
        var plan = try Self.plan([.sgd])
        plan.rates = try LearningRateGrid("1e29:1e30:1")
        plan.trialEpochs = 4
        let out = try scratchDirectory()
        let lines = try Self.run(TuningJob(plan: plan), in: out)
        let records = try TuningRecords(in: out)
        let huge = try #require(try records.read(TrialRecord.self, at: records.trialURL("sgd", 2), plan: plan))
        #expect(huge.diverged, "\(huge.epochs.map(\.loss))")
        #expect(huge.epochs.count < 4, "\(huge.epochs.map(\.loss))")
        #expect(lines.contains { $0.hasPrefix("  diverged: stopped after epoch") })
    }

    /// The trials never read the test set: with a test loader that fails, every trial completes
    /// and writes its record, and only the reruns stop, with the loader's error.
    @Test func trialsNeverReadTheTestSet() throws {
        let out = try scratchDirectory(), plan = try Self.plan()
        let error = #expect(throws: FashionMNISTError.self) {
            try Self.run(TuningJob(plan: plan), in: out, test: { throw FashionMNISTError("the test set was read") })
        }
        #expect(error?.description == "the test set was read")
        let records = TuningRecords(in: out)
        for item in try plan.trialItems() {
            #expect(FileManager.default.fileExists(atPath: records.trialURL(item.optimizer.name, item.index).path))
        }
        #expect(!FileManager.default.fileExists(atPath: records.finalURL("sgd", 1).path))
    }

    /// A job killed after any epoch and run again ends with the uninterrupted job's results.
    @Test func aKilledJobResumesToTheSameResults() throws {
        let plan = try Self.plan(), whole = try scratchDirectory(), resumed = try scratchDirectory()
        _ = try Self.run(TuningJob(plan: plan), in: whole)
        struct Killed: Error {}
        var epochs = 0
        for stop in [1, 4, 11, 14] {
            var job = TuningJob(plan: plan)
            job.afterEpoch = { epochs += 1; if epochs == stop { throw Killed() } }
            #expect(throws: Killed.self) { try Self.run(job, in: resumed) }
            epochs = stop
        }
        let lines = try Self.run(TuningJob(plan: plan), in: resumed)
        #expect(lines.contains { $0.hasPrefix("  resuming after epoch") })
        #expect(try Self.outputs(resumed) == Self.outputs(whole))
    }

    /// Shares of the trials, a merge, shares of the reruns and a merge give the one-process
    /// results; a merge with a share missing, or a share of other flags, is refused.
    @Test func sharesMergeToTheOneProcessResults() throws {
        let plan = try Self.plan(), whole = try scratchDirectory(), shared = try scratchDirectory()
        _ = try Self.run(TuningJob(plan: plan), in: whole)
        func share(_ k: Int) -> TuningJob {
            var job = TuningJob(plan: plan)
            job.shard = (k, 3)
            return job
        }
        var merge = TuningJob(plan: plan)
        merge.merge = true
        _ = try Self.run(share(1), in: shared)
        let missing = #expect(throws: TuningError.self) { try Self.run(merge, in: shared) }
        #expect(missing?.description.contains("trials have no record") == true)
        #expect(!FileManager.default.fileExists(atPath: shared.appendingPathComponent("trials.csv").path), "nothing written")
        _ = try Self.run(share(2), in: shared)
        _ = try Self.run(share(3), in: shared)
        let merged = try Self.run(merge, in: shared)
        #expect(merged.last?.contains("run the shares again") == true)
        #expect(try Data(contentsOf: shared.appendingPathComponent("tuned-optimizers.json")) == Data(contentsOf: whole.appendingPathComponent("tuned-optimizers.json")))
        _ = try Self.run(share(2), in: shared)
        let finalsMissing = #expect(throws: TuningError.self) { try Self.run(merge, in: shared) }
        #expect(finalsMissing?.description.contains("reruns have no record") == true)
        _ = try Self.run(share(1), in: shared)
        _ = try Self.run(share(3), in: shared)
        _ = try Self.run(merge, in: shared)
        #expect(try Self.outputs(shared) == Self.outputs(whole))

        var other = plan
        other.trialEpochs = 3
        var otherMerge = TuningJob(plan: other)
        otherMerge.merge = true
        let mismatch = #expect(throws: TuningError.self) { try Self.run(otherMerge, in: shared) }
        #expect(mismatch?.description.contains("was made with other flags (trialEpochs 2 instead of 3)") == true, "\(mismatch?.description ?? "")")
    }
}

/// `mnist-compare tune` end to end, on tiny synthetic IDX files and the seed's network.
@Suite(.timeLimit(.minutes(3))) struct TuneCommandTests {
    static let quick = ["--optimizers", "sgd,adam", "--rates", "0.01:0.1:1", "--trial-epochs", "1", "--final-seeds", "1",
                        "--final-epochs", "1", "--batch-size", "2", "--validation-size", "1"]

    func tune(_ data: SyntheticData, _ out: URL, _ extra: [String]) throws -> ExecutableRun {
        try runExecutable("mnist-compare", ["tune", "--data-dir", data.directory.path, "--out", out.path] + extra)
    }

    /// The trials run without the test set: with its files garbage they all complete, and the
    /// reruns stop with the loader's one-line error. With good files the same command resumes,
    /// runs the reruns, and its tuned-optimizers.json trains as it is.
    @Test func trialsNeverOpenTheTestFilesAndTheChoiceTrains() throws {
        let data = try SyntheticData(), out = try scratchDirectory()
        let good = try Data(contentsOf: data.url("t10k-images-idx3-ubyte.gz"))
        try data.write(SyntheticData.header([0x999, 3, 28, 28]), "t10k-images-idx3-ubyte.gz")
        let broken = try tune(data, out, Self.quick)
        #expect(broken.status != 0)
        #expect(broken.error.split(separator: "\n").count == 1 && broken.error.contains("t10k-images-idx3-ubyte.gz"), "\(broken.error)")
        let records = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("tuning").path).sorted()
        #expect(records == ["trial-adam-1.json", "trial-adam-2.json", "trial-adam-3.json", "trial-sgd-1.json", "trial-sgd-2.json"])

        try good.write(to: data.url("t10k-images-idx3-ubyte.gz"))
        let run = try tune(data, out, Self.quick)
        #expect(run.status == 0, "\(run.error)")
        #expect(!run.output.contains("trial 1/5"), "the trials are not run again")
        #expect(run.output.contains("rerun 2/2: adam"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == ["tuning", "trials.csv", "finals.csv", "summary.csv", "tuned-optimizers.json", "sensitivity.png",
                          "tuned-accuracy.png", "time-to-target.png"])
        let trained = try runExecutable("mnist-compare", ["train", "--data-dir", data.directory.path, "--out", try scratchDirectory().path,
                                                          "--optimizers-file", out.appendingPathComponent("tuned-optimizers.json").path,
                                                          "--epochs", "1", "--batch-size", "2"])
        #expect(trained.status == 0, "\(trained.error)")
        #expect(trained.output.contains("SGD, learning rate ") && trained.output.contains("Adam, learning rate "))
    }

    @Test(arguments: [
        (["--rates", "1:0.1:3"], "--rates 1:0.1:3 is out of range: need 0 < FROM < TO"),
        (["--rates", "0.1:1"], "is not FROM:TO:PER_DECADE"),
        (["--shard", "3/2"], "The value '3/2' is invalid for '--shard <k/n>'"),
        (["--shard", "1/2", "--merge"], "give --shard or --merge, not both"),
        (["--optimizers", "adam=0.1"], "--optimizers takes names only"),
        (["--trials", "0"], "--trials 0 is out of range"),
        (["--target", "1.5"], "--target 1.5 is out of range"),
        (["--space", "/nonexistent.json", "--trials", "3"], "cannot read --space /nonexistent.json"),
        (["--validation-size", "3"], "--validation-size 3 is out of range: 1 to 2"),
        (["--merge"], "holds no records: run the shares (--shard K/N) first"),
    ])
    func badInputIsOneLineAndWritesNothing(arguments: [String], message: String) throws {
        let out = try scratchDirectory()
        let run = try tune(try SyntheticData(), out, ["--batch-size", "2", "--rates", "0.01:0.1:1", "--trial-epochs", "1"] + arguments)
        #expect(run.status != 0)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aSpaceKeyNoOptimizerHasIsRefused() throws {
        let out = try scratchDirectory(), space = try scratchDirectory().appendingPathComponent("space.json")
        try Data(#"{"rho": [0.5, 0.9]}"#.utf8).write(to: space)
        let run = try tune(try SyntheticData(), out, ["--optimizers", "sgd,adam", "--space", space.path, "--trials", "3"])
        #expect(run.status != 0 && run.error.split(separator: "\n").count == 1)
        #expect(run.error.contains("no optimizer of --optimizers has the key 'rho'"), "\(run.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
