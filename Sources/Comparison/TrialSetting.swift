import Foundation
import Optimizers

/// One point of the search: a learning rate and, for quasirandom trials, other keys' values.
public struct TrialSetting: Codable, Equatable, Sendable {
    /// The constant learning rate.
    public let learningRate: Double
    /// Other hyper-parameters by Keras's name; the rest keep Keras's defaults.
    public let values: [String: Double]

    /// The setting with `learningRate` and `values`.
    public init(learningRate: Double, values: [String: Double] = [:]) {
        self.learningRate = learningRate
        self.values = values
    }

    /// The optimizer entry `mnist-compare train --optimizers-file` reads: `{"optimizer": "adam",
    /// "learning_rate": 0.001, "beta_1": 0.85}` (an integer key as a whole number).
    public func entry(for kind: OptimizerKind) -> [String: Any] {
        let keys = SearchSpace.keys(of: kind)
        var fields: [String: Any] = ["optimizer": kind.name, "learning_rate": learningRate]
        for (key, value) in values { fields[key] = keys[key] == .integer ? Int(value) as Any : value as Any }
        return fields
    }

    /// The optimizer this setting makes of `kind`; a value the rule refuses is one line.
    public func configuration(for kind: OptimizerKind) throws -> OptimizerConfiguration {
        do {
            return try OptimizerConfiguration.keras(entry(for: kind)).configuration
        } catch {
            throw TuningError("\(kind.name) at \(description): \(error)")
        }
    }

    /// `learning_rate=0.001 beta_1=0.85`.
    public var description: String {
        (["learning_rate=\(LearningRateGrid.text(learningRate))"] + values.keys.sorted().map { "\($0)=\(LearningRateGrid.text(values[$0]!))" })
            .joined(separator: " ")
    }
}
