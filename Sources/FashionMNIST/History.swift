import Foundation

/// One epoch's figures, as Keras reports them: train loss/accuracy are the means over the
/// epoch's samples as it went (the running figure at its last batch), validation ones are
/// measured on the test set after the epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var accuracy: Double
    public var loss: Double
    public var valAccuracy: Double
    public var valLoss: Double
    /// Wall time of the epoch's training steps and validation.
    public var seconds: Double

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

/// Histories of several optimizers, written as JSON and CSV.
public enum HistoryFiles {
    /// `{"sgd": [{"epoch": 1, "accuracy": …}, …], …}`
    public static func json(_ histories: [(name: String, records: [EpochRecord])]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Dictionary(uniqueKeysWithValues: histories.map { ($0.name, $0.records) }))
    }

    /// `optimizer,epoch,accuracy,loss,val_accuracy,val_loss,seconds`, one row per optimizer and epoch.
    public static func csv(_ histories: [(name: String, records: [EpochRecord])]) -> String {
        var lines = ["optimizer,epoch,accuracy,loss,val_accuracy,val_loss,seconds"]
        for (name, records) in histories {
            for r in records {
                lines.append("\(name),\(r.epoch),\(r.accuracy),\(r.loss),\(r.valAccuracy),\(r.valLoss),\(r.seconds)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
