import Foundation
import Optimizers
import Scenes

/// What `--tune` prints: each optimizer's chosen setting and how it ends.
enum TuningTable {
    static func text(_ results: [Tuning.Result], scene: Scene) -> String {
        var lines = ["\(scene.name): tuned over \(scene.steps) steps (learning rates 1e-6 to 10, four a decade, then a finer pass)",
                     "  optimizer      learning rate   final loss gap   first step within 1e-3   other"]
        for r in results {
            let first = r.firstStepWithin.map(String.init) ?? "never"
            lines.append("  " + [r.runner.label.padding(toLength: 13, withPad: " ", startingAt: 0),
                                 String(format: "%-14.4g", r.runner.configuration.learningRate.initialValue),
                                 String(format: "%-16.3e", r.gap),
                                 first.padding(toLength: 24, withPad: " ", startingAt: 0),
                                 others(r.runner.rule)].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// The hyper-parameters the momentum scope also tunes, where the rule has them.
    static func others(_ rule: OptimizerRule) -> String {
        let values = rule.values
        var parts: [String] = []
        if let momentum = values["momentum"], momentum > 0 { parts.append(String(format: "momentum %g", momentum)) }
        for key in ["beta_1", "beta_2", "adam_beta_1", "adam_beta_2"] {
            if let value = values[key] { parts.append(String(format: "%@ %g", key, value)) }
        }
        return parts.joined(separator: ", ")
    }
}
