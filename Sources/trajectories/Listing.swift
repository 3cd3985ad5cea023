import Foundation
import Optimizers
import Scenes
import Surfaces

/// What `--list` prints.
enum Listing {
    static func text() -> String {
        var lines = ["Surfaces:"]
        for s in SurfaceCatalog.all {
            let minima = s.minima.map { "(\(fmt($0.x)), \(fmt($0.y)))" }.joined(separator: " ")
            lines.append("  \(s.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(s.displayName); window x \(s.window.x), y \(s.window.y); minima \(minima.isEmpty ? "none" : minima)")
        }
        lines.append("Optimizers (Keras 3 defaults; any key below, and weight_decay, clipnorm, clipvalue, global_clipnorm,")
        lines.append("use_ema, ema_momentum, ema_overwrite_frequency and a learning_rate schedule, can be set in a scene file):")
        for k in OptimizerKind.allCases {
            let summary = k == .momentum ? "SGD with momentum 0.9" : k == .nag ? "SGD with Nesterov momentum 0.9" : k.defaultRule.entry.summary
            lines.append("  \(k.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(summary)")
            lines.append("  \(String(repeating: " ", count: 20)) \(describe(k.defaultConfiguration))")
        }
        lines.append("Learning-rate schedules (Keras's): \(LearningRateSchedule.classNames.joined(separator: ", "))")
        lines.append("Example scenes (\(ExampleScenes.directory.path)):")
        for file in ExampleScenes.files() {
            let name = file.deletingPathExtension().lastPathComponent
            let detail = (try? SceneFile.load(file)).map { "\($0.title) on \($0.surfaceName), \($0.steps) steps, \($0.view.rawValue)" } ?? "unreadable"
            lines.append("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(detail)")
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ v: Double) -> String { String(format: "%g", v) }

    /// `learning_rate 0.001, beta_1 0.9, …` in the rule's own order, then a default weight decay.
    static func describe(_ configuration: OptimizerConfiguration) -> String {
        let parts = ["learning_rate \(fmt(configuration.learningRate.initialValue))"] + configuration.rule.settings.map { p, value in
            "\(p.key) \(p.kind == .flag ? String(value != 0) : fmt(value))"
        } + (configuration.weightDecay.map { ["weight_decay \(fmt($0))"] } ?? [])
        return parts.joined(separator: ", ")
    }
}
