import FashionMNIST
import Foundation
import Optimizers

/// Everything that defines a tuning job's results: the optimizers, the search, the budgets,
/// the data and the matrix library. Every record a job writes carries its plan, and a record
/// of another plan is refused, so shares of different commands never mix.
public struct TuningPlan: Codable, Equatable, Sendable {
    /// The optimizers compared, in order.
    public var optimizers: [OptimizerKind]
    /// The learning-rate grid (with a space, its ends bound the rates drawn).
    public var rates: LearningRateGrid
    /// Other keys' ranges for quasirandom trials; nil: the grid alone.
    public var space: SearchSpace?
    /// How many quasirandom points; nil: every rate of the grid.
    public var trials: Int?
    /// Epochs each trial trains (fewer when it diverges).
    public var trialEpochs = 10
    /// Seeds each chosen setting is rerun from (`seed`, `seed` + 1, …).
    public var finalSeeds = 3
    /// Epochs of each rerun.
    public var finalEpochs = 50
    /// The seed of every trial's initial weights and shuffles.
    public var seed: UInt64 = 1
    /// Images per step.
    public var batchSize = 256
    /// Train on the first this-many images before the validation split (nil: all of them).
    public var trainLimit: Int?
    /// The last this-many training images are the validation set.
    public var validationSize = 10_000
    /// The network's layer sizes.
    public var sizes = MLP.seedSizes
    /// The matrix library's name (results differ between libraries in the last bits).
    public var library: String

    /// A plan for `optimizers` over `rates`, products on `library`; the other numbers at their defaults.
    public init(optimizers: [OptimizerKind], rates: LearningRateGrid, library: MatrixLibrary) {
        self.optimizers = optimizers
        self.rates = rates
        self.library = library.rawValue
    }

    /// A loss above this many times the first epoch's marks a diverged trial.
    public static let divergenceFactor = 5.0

    /// The settings every optimizer tries, the same for all (each with the keys it has), and
    /// after them its Keras default rate when that is not among them.
    public func trialItems() throws -> [TrialItem] {
        if space != nil, trials == nil { throw TuningError("--space needs --trials N: how many quasirandom points to draw") }
        let points: [TrialSetting] = if let trials {
            (space ?? SearchSpace.empty).points(trials, rates: rates.from...rates.to).map { TrialSetting(learningRate: $0.learningRate, values: $0.values) }
        } else {
            rates.rates.map { TrialSetting(learningRate: $0) }
        }
        return try optimizers.flatMap { kind -> [TrialItem] in
            let keys = SearchSpace.keys(of: kind)
            var settings = points.map { TrialSetting(learningRate: $0.learningRate, values: $0.values.filter { keys[$0.key] != nil }) }
            let defaultSetting = TrialSetting(learningRate: kind.defaultConfiguration.learningRate.initialValue)
            let defaultIndex = settings.firstIndex { $0.values.isEmpty && abs($0.learningRate / defaultSetting.learningRate - 1) < 1e-9 }
            if defaultIndex == nil { settings.append(defaultSetting) }
            return try settings.enumerated().map { index, setting in
                _ = try setting.configuration(for: kind)
                return TrialItem(optimizer: kind, index: index + 1, setting: setting, isDefault: index == (defaultIndex ?? settings.count - 1))
            }
        }
    }

    /// Every rerun: each optimizer from each final seed.
    public func finalItems() -> [(optimizer: OptimizerKind, seed: UInt64)] {
        optimizers.flatMap { kind in finalSeedList.map { (kind, $0) } }
    }

    /// The seeds of the reruns.
    public var finalSeedList: [UInt64] { (0..<UInt64(finalSeeds)).map { seed &+ $0 } }

    /// The run a trial or rerun of `kind` at `setting` from `seed` trains, on `trainCount` images.
    func runConfiguration(_ kind: OptimizerKind, _ setting: TrialSetting, seed: UInt64, trainCount: Int) throws -> RunConfiguration {
        RunConfiguration(optimizer: kind, configuration: try setting.configuration(for: kind), batchSize: batchSize, seed: seed,
                         trainLimit: trainCount, sizes: sizes)
    }

    /// The first field in which `other` differs from this plan, for a message.
    func firstDifference(from other: TuningPlan) -> String {
        func fields(_ plan: TuningPlan) -> [String: String] {
            let object = (try? JSONSerialization.jsonObject(with: TuningRecords.encoder.encode(plan))) as? [String: Any] ?? [:]
            return object.mapValues { value in
                (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        let mine = fields(self), theirs = fields(other)
        let key = Set(mine.keys).union(theirs.keys).sorted().first { mine[$0] != theirs[$0] } ?? "?"
        return "\(key) \(theirs[key] ?? "none") instead of \(mine[key] ?? "none")"
    }
}

/// One trial: an optimizer at one setting.
public struct TrialItem: Sendable {
    /// The optimizer.
    public let optimizer: OptimizerKind
    /// The trial's number among the optimizer's, from 1.
    public let index: Int
    /// Its learning rate and other values.
    public let setting: TrialSetting
    /// Whether this is the optimizer's Keras default setting.
    public let isDefault: Bool
}

extension SearchSpace {
    /// No keys besides the learning rate.
    static let empty = SearchSpace(dimensions: [])
}
