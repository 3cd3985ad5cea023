import Foundation

/// One epoch's figures, as Keras reports them: train loss/accuracy are the means over the
/// epoch's samples as it went (the running figure at its last batch), validation ones are
/// measured on the test set after the epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Training accuracy, the running mean over the epoch.
    public var accuracy: Double
    /// Training loss, the running mean over the epoch.
    public var loss: Double
    /// Test accuracy after the epoch.
    public var valAccuracy: Double
    /// Test loss after the epoch.
    public var valLoss: Double
    /// Wall time of the epoch's training steps and validation.
    public var seconds: Double

    /// One epoch's figures.
    public init(epoch: Int, accuracy: Double, loss: Double, valAccuracy: Double, valLoss: Double, seconds: Double) {
        self.epoch = epoch
        self.accuracy = accuracy
        self.loss = loss
        self.valAccuracy = valAccuracy
        self.valLoss = valLoss
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case epoch, accuracy, loss, seconds
        case valAccuracy = "val_accuracy"
        case valLoss = "val_loss"
    }
}

/// One optimizer's training runs, one history per seed of the initial weights and shuffles.
public struct OptimizerHistory: Sendable {
    public var name: String
    /// Each seed's records, epoch by epoch.
    public var runs: [(seed: UInt64, records: [EpochRecord])]

    /// The runs of the optimizer called `name`.
    public init(name: String, runs: [(seed: UInt64, records: [EpochRecord])]) {
        self.name = name
        self.runs = runs
    }

    /// Per epoch that every run has reached: the mean of `figure` over the runs, and its
    /// lowest and highest value.
    public func spread(of figure: KeyPath<EpochRecord, Double>) -> [(epoch: Int, mean: Double, low: Double, high: Double)] {
        let epochs = runs.map(\.records.count).min() ?? 0
        return (0..<epochs).map { e in
            let values = runs.map { $0.records[e][keyPath: figure] }
            return (runs[0].records[e].epoch, values.reduce(0, +) / Double(values.count), values.min()!, values.max()!)
        }
    }

    /// Mean and sample standard deviation (0 for a single run) of `figure` at each run's last epoch.
    public func final(_ figure: KeyPath<EpochRecord, Double>) -> (mean: Double, standardDeviation: Double) {
        Statistics.meanAndDeviation(runs.compactMap { $0.records.last?[keyPath: figure] })
    }
}

/// Histories of several optimizers and seeds, written as JSON and CSV.
public enum HistoryFiles {
    /// `{"sgd": {"1": [{"epoch": 1, "accuracy": …}, …], "2": […]}, …}`: per optimizer, per seed.
    public static func json(_ histories: [OptimizerHistory]) throws -> Data {
        let encoder = Self.encoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Dictionary(uniqueKeysWithValues: histories.map { history in
            (history.name, Dictionary(uniqueKeysWithValues: history.runs.map { (String($0.seed), $0.records) }))
        }))
    }

    /// A JSON encoder that writes a diverged run's losses as the string `"nan"` (`"inf"`,
    /// `"-inf"`), which JSON cannot hold as numbers.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The matching decoder.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `optimizer,seed,epoch,accuracy,loss,val_accuracy,val_loss,seconds`, one row per optimizer, seed and epoch.
    public static func csv(_ histories: [OptimizerHistory]) -> String {
        var lines = ["optimizer,seed,epoch,accuracy,loss,val_accuracy,val_loss,seconds"]
        for history in histories {
            for (seed, records) in history.runs {
                for r in records {
                    lines.append("\(history.name),\(seed),\(r.epoch),\(r.accuracy),\(r.loss),\(r.valAccuracy),\(r.valLoss),\(r.seconds)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
