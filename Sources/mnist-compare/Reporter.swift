import FashionMNIST
import Foundation

/// Keras-style epoch lines, with a moving progress bar when stdout is a terminal.
struct Reporter {
    let epochs: Int
    let isTerminal = isatty(STDOUT_FILENO) == 1

    func begin(_ configuration: RunConfiguration, resumedAt done: Int, seeds: Int) {
        let resumed = done > 0 ? " (resuming after epoch \(done))" : ""
        let seed = seeds > 1 ? ", seed \(configuration.seed)" : ""
        say("\(configuration.optimizer.displayName), learning rate \(configuration.learningRate)\(settings(configuration))\(seed)\(resumed)")
    }

    func progress(epoch: Int, step: Int, steps: Int, loss: Double, accuracy: Double) {
        guard isTerminal, step == steps || step % 5 == 0 else { return }
        let width = 30, filled = width * step / steps
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: ".", count: max(0, width - filled - 1))
        let line = String(format: "Epoch %d/%d %d/%d [%@] - accuracy: %.4f - loss: %.4f", epoch, epochs, step, steps, bar, accuracy, loss)
        FileHandle.standardOutput.write(Data("\r\(line)\u{1B}[K".utf8))
    }

    func finished(_ r: EpochRecord, steps: Int) {
        if isTerminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        say(String(format: "Epoch %d/%d - %d/%d - %.1fs - accuracy: %.4f - loss: %.4f - val_accuracy: %.4f - val_loss: %.4f",
                   r.epoch, epochs, steps, steps, r.seconds, r.accuracy, r.loss, r.valAccuracy, r.valLoss))
    }

    /// One line on stdout, unbuffered, so a log file follows the run as it goes.
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `, also learning_rate CosineDecay, clipnorm 1`: what differs from the kind's Keras defaults.
    func settings(_ configuration: RunConfiguration) -> String {
        guard configuration.keras != nil, let optimizer = try? configuration.optimizerConfiguration else { return "" }
        let fields = optimizer.kerasFields, defaults = configuration.optimizer.defaultConfiguration.kerasFields
        let changed = fields.keys.sorted().filter { key in
            guard let value = fields[key] else { return false }
            return defaults[key].map { "\($0)" != "\(value)" } ?? true
        }.map { key -> String in
            if let schedule = fields[key] as? [String: Any] { return "\(key) \(schedule["class_name"] ?? "")" }
            return "\(key) \(fields[key] ?? "")"
        }
        return changed.isEmpty ? "" : ", also " + changed.joined(separator: ", ")
    }
}
