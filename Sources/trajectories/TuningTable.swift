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
                                 String(format: "%-14.4g", r.runner.rule.learningRate),
                                 String(format: "%-16.3e", r.gap),
                                 first.padding(toLength: 24, withPad: " ", startingAt: 0),
                                 others(r.runner.rule)].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// The hyper-parameters the momentum scope also tunes.
    static func others(_ rule: OptimizerRule) -> String {
        switch rule {
        case let .sgd(r) where r.momentum > 0: String(format: "momentum %g", r.momentum)
        case let .adam(r): String(format: "beta_1 %g, beta_2 %g", r.beta1, r.beta2)
        default: ""
        }
    }
}
