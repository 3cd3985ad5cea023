import Foundation

/// Optimizers as Keras writes and reads them: Descent's entries (`{"optimizer": "adamw",
/// "learning_rate": 0.001, "weight_decay": 0.01}`) and `keras.optimizers.serialize`'s
/// (`{"class_name": "AdamW", "config": {...}}`), every key by Keras's name.
extension OptimizerConfiguration {
    /// The base optimizer's keys (besides `learning_rate`) that change a step.
    public static let baseKeys = ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "use_ema", "ema_momentum",
                                  "ema_overwrite_frequency"]
    /// Keys Keras writes that change nothing here, accepted at harmless values.
    static let inertKeys = ["name", "loss_scale_factor", "gradient_accumulation_steps", "exclude_layers", "exclude_embeddings"]

    /// Reads an optimizer entry, either form; the keys in `others` (a legend `label`, say) are
    /// left to the caller. Anything Descent cannot honour is refused with a one-line error.
    public static func keras(_ object: [String: Any], others: Set<String> = []) throws -> (kind: OptimizerKind, configuration: OptimizerConfiguration) {
        if let classValue = object["class_name"] {
            guard let className = classValue as? String, let entry = OptimizerRule.entry(className: className) else {
                let known = OptimizerRule.registry.map(\.className).joined(separator: ", ")
                throw OptimizerError.unsupportedConfiguration("unknown optimizer class '\(classValue)': choose one of \(known)")
            }
            var outer = ConfigReader(object, what: "optimizer \(className)")
            for key in ["class_name", "config"] + Array(others) { try outer.inert(key, "", accepted: { _ in true }) }
            try outer.inert("module", "must be a string", accepted: { $0 is String || $0 is NSNull })
            try outer.inert("registered_name", "must be a string", accepted: { $0 is String || $0 is NSNull })
            try outer.finish(known: ["class_name", "config", "module", "registered_name"] + others.sorted())
            guard let config = (object["config"] ?? [String: Any]()) as? [String: Any] else {
                throw OptimizerError.unsupportedConfiguration("optimizer \(className)'s config must be an object")
            }
            let kind = try OptimizerKind(named: entry.name)
            return (kind, try read(config, kind: kind, others: []))
        }
        guard let name = object["optimizer"] as? String else {
            throw OptimizerError.unsupportedConfiguration("an optimizer entry needs an \"optimizer\" name or a Keras \"class_name\"")
        }
        let kind = try OptimizerKind(named: name)
        return (kind, try read(object, kind: kind, others: others.union(["optimizer"])))
    }

    /// Reads the keys of one optimizer (a Keras config, or an entry's own keys).
    static func read(_ object: [String: Any], kind: OptimizerKind, others: Set<String>) throws -> OptimizerConfiguration {
        var r = ConfigReader(object, what: "optimizer \(kind.name)")
        for key in others { try r.inert(key, "", accepted: { _ in true }) }
        try r.inert("name", "must be a string", accepted: { $0 is String || $0 is NSNull })
        try r.inert("loss_scale_factor", "loss scaling is not supported: use null", accepted: { $0 is NSNull })
        try r.inert("gradient_accumulation_steps", "gradient accumulation is not supported: use null", accepted: { $0 is NSNull })
        if kind.defaultRule.name == Muon.name {
            try r.inert("exclude_layers", "there are no layers to exclude: use [] or null", accepted: { ($0 as? [Any])?.isEmpty ?? ($0 is NSNull) })
            try r.inert("exclude_embeddings", "must be true or false (there are no embeddings)", accepted: ConfigReader.isBoolean)
        }
        // The rule's own hyper-parameters, from the kind's values (a preset's included).
        let entry = kind.defaultRule.entry
        var values = kind.defaultRule.values
        for parameter in entry.hyperparameters where r.has(parameter.key) {
            values[parameter.key] = parameter.kind == .flag ? (try r.flag(parameter.key)! ? 1 : 0) : try r.number(parameter.key)!
        }
        var configuration = OptimizerConfiguration(try entry.rule(values))
        if let rate = object["learning_rate"], !(rate is NSNull) {
            if let schedule = rate as? [String: Any] {
                _ = try r.inert("learning_rate", "", accepted: { _ in true })
                configuration.learningRate = .schedule(try LearningRateSchedule(keras: schedule))
            } else {
                configuration.learningRate = .constant(try r.number("learning_rate")!)
            }
        }
        if object.keys.contains("weight_decay") { configuration.weightDecay = try r.number("weight_decay") }
        let clippings = try GradientClipping.keys.compactMap { key in try r.number(key).map { GradientClipping(key: key, threshold: $0)! } }
        guard clippings.count <= 1 else {
            throw OptimizerError.unsupportedConfiguration("optimizer \(kind.name): only one of clipnorm, clipvalue and global_clipnorm can be set")
        }
        configuration.clipping = clippings.first
        let momentum = try r.number("ema_momentum"), frequency = try r.number("ema_overwrite_frequency")
        if try r.flag("use_ema") == true {
            if let frequency, frequency != frequency.rounded() {
                throw OptimizerError.invalidHyperparameter(name: "ema_overwrite_frequency", value: frequency, allowed: "a whole number >= 1 or null")
            }
            configuration.movingAverage = MovingAverage(momentum: momentum ?? 0.99, overwriteFrequency: frequency.map { Int($0) })
        }
        try r.finish(known: ["learning_rate"] + entry.hyperparameters.map(\.key) + baseKeys)
        try configuration.validate()
        return configuration
    }

    /// The optimizer's keys by Keras's names, every hyper-parameter written out: the learning
    /// rate (a number or a schedule), the rule's values, `weight_decay` (null for none) and the
    /// clipping and moving-average keys when set. Reading them back gives the same configuration.
    public var kerasFields: [String: Any] {
        var fields: [String: Any] = [:]
        for (parameter, value) in rule.settings {
            fields[parameter.key] = switch parameter.kind {
            case .flag: value != 0
            case .integer: Int(value)
            case .real: value
            }
        }
        fields["learning_rate"] = switch learningRate {
        case let .constant(rate): rate
        case let .schedule(schedule): schedule.keras
        }
        fields["weight_decay"] = weightDecay ?? NSNull()
        if let clipping { fields[clipping.key] = clipping.threshold }
        if let average = movingAverage {
            fields["use_ema"] = true
            fields["ema_momentum"] = average.momentum
            fields["ema_overwrite_frequency"] = average.overwriteFrequency ?? NSNull()
        }
        return fields
    }
}
