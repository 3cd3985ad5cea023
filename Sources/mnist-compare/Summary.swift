import FashionMNIST
import Foundation
import Optimizers

/// The closing lines: each optimizer's test accuracy after the last epoch, as the seed
/// document prints it, beside the seed document's own figure.
enum Summary {
    /// Test accuracy in % after 50 epochs in the seed document's run (Keras, one seed).
    static let blog: [String: Double] = ["sgd": 87.42, "adagrad": 85.28, "rmsprop": 88.39, "adam": 89.04]

    /// `SGD accuracy 85.95 (blog: 87.42)`, or over several seeds
    /// `SGD accuracy 86.10 ± 0.80 over 3 seeds (blog: 87.42)`.
    static func line(_ history: OptimizerHistory) -> String {
        let label = (try? OptimizerKind(named: history.name).displayName) ?? history.name
        let (mean, deviation) = history.final(\.valAccuracy)
        var line = "\(label) accuracy " + String(format: "%.2f", 100 * mean)
        if history.runs.count > 1 { line += String(format: " ± %.2f over %d seeds", 100 * deviation, history.runs.count) }
        if let blog = blog[history.name] { line += String(format: " (blog: %.2f)", blog) }
        return line
    }
}
