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

    /// `Adam epochs: first 2.41 s, median 2.45 s, last 2.52 s; last 10 / first 10 (medians) 1.03x`:
    /// the epoch's wall time (over seeds, the mean per epoch), so a run that slows down late shows it.
    static func epochTimes(_ history: OptimizerHistory) -> String {
        let label = (try? OptimizerKind(named: history.name).displayName) ?? history.name
        let times = history.spread(of: \.seconds).map(\.mean)
        guard let first = times.first, let last = times.last else { return "\(label) epochs: none" }
        let window = min(10, times.count)
        let ratio = Statistics.median(times.suffix(window)) / Statistics.median(times.prefix(window))
        return String(format: "%@ epochs: first %.2f s, median %.2f s, last %.2f s; last %d / first %d (medians) %.2fx",
                      label, first, Statistics.median(times), last, window, window, ratio)
    }
}
