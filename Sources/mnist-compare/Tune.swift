import ArgumentParser
import CommandLineSupport
import Comparison
import FashionMNIST
import Foundation
import Optimizers

/// `mnist-compare tune`: the fair comparison — every optimizer tuned on the same budget,
/// chosen on a validation split, rerun over seeds, the test set read only by the reruns.
struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Tune every optimizer on the same budget, choose on validation, rerun the choices over seeds.",
        discussion: """
            The last --validation-size training images judge the trials; the trials train on the images \
            before them and never read the test set. Each optimizer's choice is its trial with the best \
            final validation accuracy (ties go to the smaller learning rate); the reruns record validation \
            and test figures every epoch. Writes trials.csv, finals.csv, summary.csv, tuned-optimizers.json, \
            sensitivity.png, tuned-accuracy.png and time-to-target.png in --out; records and checkpoints in \
            --out/tuning, so running the same command again resumes.
            """
    )

    @Option(help: "Comma-separated optimizers to compare (names only: the learning rate is what is tuned).")
    var optimizers = "sgd,adagrad,rmsprop,adam"

    @Option(help: ArgumentHelp("Learning rates to try: FROM to TO, PER_DECADE rates to each factor of ten, evenly in log.",
                               valueName: "from:to:per-decade"))
    var rates = "1e-5:1:3"

    @Option(parsing: .unconditional, help: "Epochs each trial trains (a trial that diverges stops early).")
    var trialEpochs = 10

    @Option(help: ArgumentHelp("A JSON object of other hyper-parameters' ranges for quasirandom trials, e.g. "
                               + "{\"beta_1\": [0.8, 0.99], \"weight_decay\": [1e-5, 0.1, \"log\"]} (needs --trials).", valueName: "file"))
    var space: String?

    @Option(parsing: .unconditional, help: "Quasirandom (Halton) points over the learning rates' range and --space, the same for every optimizer, instead of the grid.")
    var trials: Int?

    @Option(parsing: .unconditional, help: "Seeds each chosen setting is rerun from (--seed, --seed + 1, ...).")
    var finalSeeds = 3

    @Option(parsing: .unconditional, help: "Epochs of each rerun.")
    var finalEpochs = 50

    @Option(parsing: .unconditional, help: ArgumentHelp("Validation accuracy (0 to 1) for the time to target (default: 0.005 below the lowest of the optimizers' median final validation accuracies).", valueName: "accuracy"))
    var target: Double?

    @Option(parsing: .unconditional, help: "Seed of the trials' initial weights and shuffles (the reruns' first seed).")
    var seed = 1

    @Option(parsing: .unconditional, help: "Mini-batch size.")
    var batchSize = 256

    @Option(parsing: .unconditional, help: "Training images kept for validation: the last N of the training file.")
    var validationSize = 10_000

    @Option(parsing: .unconditional, help: "Train on the first N images before the validation split only (quick tries).")
    var trainLimit: Int?

    @Option(help: "Output folder for the files, the pictures and the records (in tuning/).")
    var out = "Output/fashion-mnist-tuned"

    @Option(help: ArgumentHelp("Run only share K of N: of the trials, or of the reruns once every trial has its record (after a --merge).",
                               valueName: "k/n"))
    var shard: Share?

    @Flag(help: "Assemble the shares' records in --out into the outputs.")
    var merge = false

    @Flag(help: "Delete earlier records and checkpoints in --out and start over.")
    var fresh = false

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard trialEpochs > 0 else { throw ValidationError("--trial-epochs must be > 0, got \(trialEpochs)") }
        guard finalSeeds > 0 else { throw ValidationError("--final-seeds must be > 0, got \(finalSeeds)") }
        guard finalEpochs > 0 else { throw ValidationError("--final-epochs must be > 0, got \(finalEpochs)") }
        if let trials, !(1...10_000).contains(trials) { throw ValidationError("--trials \(trials) is out of range: 1 to 10000") }
        if let target, !(target > 0 && target < 1) { throw ValidationError("--target \(target) is out of range: an accuracy between 0 and 1") }
        guard seed >= 0 else { throw ValidationError("--seed must be >= 0, got \(seed)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be > 0, got \(batchSize)") }
        if let trainLimit, trainLimit <= 0 { throw ValidationError("--train-limit must be > 0, got \(trainLimit)") }
        if shard != nil, merge { throw ValidationError("give --shard or --merge, not both") }
        if merge, fresh { throw ValidationError("give --merge or --fresh, not both") }
    }

    func run() throws {
        let kinds = try OptimizerKind.parseList(optimizers).map { item in
            guard item.learningRate == nil else {
                throw UsageError("--optimizers takes names only (\(item.kind.name)=\(item.learningRate!)): tune searches the learning rate")
            }
            return item.kind
        }
        guard !kinds.isEmpty else { throw UsageError("--optimizers is empty") }
        guard Set(kinds).count == kinds.count else { throw UsageError("--optimizers names an optimizer twice") }
        let outURL = URL(fileURLWithPath: out)
        let library = data.matrixLibrary == .auto ? TuningJob.recordedLibrary(in: outURL) ?? data.matrixLibrary.library : data.matrixLibrary.library
        var plan = TuningPlan(optimizers: kinds, rates: try LearningRateGrid(rates), library: library)
        if let space {
            let contents: Data
            do { contents = try Data(contentsOf: URL(fileURLWithPath: space)) } catch {
                throw UsageError("cannot read --space \(space): \(error.localizedDescription)")
            }
            plan.space = try SearchSpace(json: contents, file: space, optimizers: kinds)
        }
        (plan.trials, plan.trialEpochs, plan.finalSeeds, plan.finalEpochs) = (trials, trialEpochs, finalSeeds, finalEpochs)
        (plan.seed, plan.batchSize, plan.trainLimit, plan.validationSize) = (UInt64(seed), batchSize, trainLimit, validationSize)
        var job = TuningJob(plan: plan)
        (job.target, job.shard, job.merge, job.fresh) = (target, shard.map { ($0.index, $0.count) }, merge, fresh)
        let reporter = Reporter(epochs: 0)
        reporter.say("matrix products on \(library.rawValue)")
        try job.run(in: outURL, trainImages: { try FashionMNISTData.loadTrain(from: data.dataDir) },
                    testImages: { try FashionMNISTData.loadTest(from: data.dataDir) }, report: reporter.say)
    }
}
