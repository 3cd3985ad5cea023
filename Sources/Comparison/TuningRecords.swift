import FashionMNIST
import Foundation

/// A finished trial: its epochs on the validation set, and whether it diverged.
public struct TrialRecord: Codable, Sendable {
    /// The plan it belongs to.
    public let plan: TuningPlan
    /// The optimizer's name and the trial's number among its trials.
    public let optimizer: String, trial: Int
    /// What it tried.
    public let setting: TrialSetting
    /// Whether it is the optimizer's Keras default.
    public let isDefault: Bool
    /// Its epochs (validation figures in `valAccuracy`, `valLoss`).
    public let epochs: [EpochRecord]
    /// Whether it was stopped because its loss was no longer finite or grew past 5× the first epoch's.
    public let diverged: Bool

    /// The validation accuracy after its last epoch.
    public var finalAccuracy: Double { epochs.last?.valAccuracy ?? .nan }
}

/// One epoch of a rerun: the training and validation figures, and the test set's.
public struct FinalEpoch: Codable, Sendable {
    /// Training and validation figures, as a trial's.
    public let record: EpochRecord
    /// Test accuracy and mean loss after the epoch.
    public let testAccuracy: Double, testLoss: Double
    /// Wall time of the test evaluation (not in `record.seconds`).
    public let testSeconds: Double
}

/// A finished rerun of a chosen setting from one seed.
public struct FinalRecord: Codable, Sendable {
    /// The plan it belongs to.
    public let plan: TuningPlan
    /// The optimizer's name and the seed.
    public let optimizer: String, seed: UInt64
    /// The chosen setting it reran.
    public let setting: TrialSetting
    /// Optimizer steps in one of its epochs.
    public let stepsPerEpoch: Int
    /// Its epochs.
    public let epochs: [FinalEpoch]
}

/// The job's records in `<out>/tuning/`: one JSON file per finished trial or rerun, written
/// atomically, and the checkpoints of the ones under way.
struct TuningRecords {
    let folder: URL

    init(in out: URL) { folder = out.appendingPathComponent("tuning") }

    func trialURL(_ optimizer: String, _ trial: Int) -> URL { folder.appendingPathComponent("trial-\(optimizer)-\(trial).json") }
    func finalURL(_ optimizer: String, _ seed: UInt64) -> URL { folder.appendingPathComponent("final-\(optimizer)-seed\(seed).json") }
    /// A run's checkpoint (its weights and optimizer after its last epoch) and the records of its epochs so far.
    func checkpointURL(_ record: URL) -> URL { record.deletingPathExtension().appendingPathExtension("checkpoint") }
    func partialURL(_ record: URL) -> URL { record.deletingPathExtension().appendingPathExtension("partial") }

    /// The record at `url` when there is one, refused when another plan made it.
    func read<R: Decodable & PlanRecord>(_ type: R.Type, at url: URL, plan: TuningPlan) throws -> R? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let record = try? Self.decoder.decode(R.self, from: Data(contentsOf: url)) else {
            throw TuningError("\(url.path) is damaged: delete it (or pass --fresh) and run again")
        }
        guard record.plan == plan else {
            throw TuningError("\(url.lastPathComponent) was made with other flags (\(plan.firstDifference(from: record.plan))): "
                + "run with the same flags, or use another --out or --fresh")
        }
        return record
    }

    func write<R: Encodable>(_ record: R, to url: URL) throws {
        do {
            try Self.encoder.encode(record).write(to: url, options: .atomic)
        } catch {
            throw TuningError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes a diverged loss as the string "nan" ("inf"), which JSON cannot hold as a number; keys sorted.
    static let encoder: JSONEncoder = {
        let encoder = HistoryFiles.encoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder = HistoryFiles.decoder()
}

/// A record that names the plan it belongs to.
protocol PlanRecord { var plan: TuningPlan { get } }
extension TrialRecord: PlanRecord {}
extension FinalRecord: PlanRecord {}
