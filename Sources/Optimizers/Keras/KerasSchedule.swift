import Foundation

/// Keras's serialised learning-rate schedules, as `keras.optimizers.schedules.serialize` writes
/// them: `{"class_name": "CosineDecay", "config": {...}, "module": ..., "registered_name": ...}`.
extension LearningRateSchedule {
    /// Reads a schedule; unknown classes and keys are refused with a one-line error.
    public init(keras object: [String: Any]) throws {
        var outer = ConfigReader(object, what: "learning_rate schedule")
        try outer.inert("module", "must be a string", accepted: { $0 is String || $0 is NSNull })
        try outer.inert("registered_name", "must be a string", accepted: { $0 is String || $0 is NSNull })
        try outer.inert("config", "", accepted: { _ in true })
        guard let className = object["class_name"] as? String else {
            throw OptimizerError.unsupportedConfiguration("a learning_rate object needs a \"class_name\" (one of \(Self.classNames.joined(separator: ", ")))")
        }
        try outer.inert("class_name", "", accepted: { _ in true })
        try outer.finish(known: ["class_name", "config", "module", "registered_name"])
        guard let config = object["config"] as? [String: Any] else {
            throw OptimizerError.unsupportedConfiguration("learning_rate \(className) needs a \"config\" object")
        }
        var c = ConfigReader(config, what: "schedule \(className)")
        try c.inert("name", "must be a string", accepted: { $0 is String || $0 is NSNull })
        switch className {
        case "ExponentialDecay", "InverseTimeDecay":
            let lr0 = try c.required("initial_learning_rate"), steps = try c.required("decay_steps")
            let rate = try c.required("decay_rate"), staircase = try c.flag("staircase") ?? false
            self = className == "ExponentialDecay"
                ? .exponentialDecay(initialLearningRate: lr0, decaySteps: steps, decayRate: rate, staircase: staircase)
                : .inverseTimeDecay(initialLearningRate: lr0, decaySteps: steps, decayRate: rate, staircase: staircase)
        case "PiecewiseConstantDecay":
            self = .piecewiseConstantDecay(boundaries: try c.numbers("boundaries"), values: try c.numbers("values"))
        case "PolynomialDecay":
            self = .polynomialDecay(initialLearningRate: try c.required("initial_learning_rate"), decaySteps: try c.required("decay_steps"),
                                    endLearningRate: try c.number("end_learning_rate") ?? 0.0001, power: try c.number("power") ?? 1,
                                    cycle: try c.flag("cycle") ?? false)
        case "CosineDecay":
            self = .cosineDecay(initialLearningRate: try c.required("initial_learning_rate"), decaySteps: try c.required("decay_steps"),
                                alpha: try c.number("alpha") ?? 0, warmupTarget: try c.number("warmup_target"),
                                warmupSteps: try c.number("warmup_steps") ?? 0)
        case "CosineDecayRestarts":
            self = .cosineDecayRestarts(initialLearningRate: try c.required("initial_learning_rate"),
                                        firstDecaySteps: try c.required("first_decay_steps"), tMul: try c.number("t_mul") ?? 2,
                                        mMul: try c.number("m_mul") ?? 1, alpha: try c.number("alpha") ?? 0)
        default:
            throw OptimizerError.unsupportedConfiguration("unknown learning_rate schedule '\(className)': choose one of \(Self.classNames.joined(separator: ", "))")
        }
        try c.finish(known: Array(c.read).sorted())
        try validate()
    }

    /// The schedule as Keras serialises it, every argument written out.
    public var keras: [String: Any] {
        let config: [String: Any] = switch self {
        case let .exponentialDecay(lr0, steps, rate, staircase):
            ["initial_learning_rate": lr0, "decay_steps": steps, "decay_rate": rate, "staircase": staircase]
        case let .inverseTimeDecay(lr0, steps, rate, staircase):
            ["initial_learning_rate": lr0, "decay_steps": steps, "decay_rate": rate, "staircase": staircase]
        case let .piecewiseConstantDecay(boundaries, values): ["boundaries": boundaries, "values": values]
        case let .polynomialDecay(lr0, steps, end, power, cycle):
            ["initial_learning_rate": lr0, "decay_steps": steps, "end_learning_rate": end, "power": power, "cycle": cycle]
        case let .cosineDecay(lr0, steps, alpha, target, warmup):
            ["initial_learning_rate": lr0, "decay_steps": steps, "alpha": alpha, "warmup_target": target ?? NSNull(), "warmup_steps": warmup]
        case let .cosineDecayRestarts(lr0, steps, tMul, mMul, alpha):
            ["initial_learning_rate": lr0, "first_decay_steps": steps, "t_mul": tMul, "m_mul": mMul, "alpha": alpha]
        }
        return ["class_name": className, "config": config]
    }
}

extension LearningRateSchedule {
    /// Each schedule's Keras arguments, with the values a picker starts from (Keras requires
    /// the first ones and has no default for them) and their ranges.
    public static let arguments: [(className: String, arguments: [Hyperparameter])] = {
        let rate = Hyperparameter.real("initial_learning_rate", 0.01, from: 0, slider: 1e-5...10, scale: .log)
        let steps = { (key: String) in Hyperparameter.real(key, 100, above: 0, slider: 1...100_000, scale: .log) }
        return [
            ("ExponentialDecay", [rate, steps("decay_steps"), .real("decay_rate", 0.5, from: 0, slider: 0...1), .flag("staircase", false)]),
            ("PiecewiseConstantDecay", []),
            ("PolynomialDecay", [rate, steps("decay_steps"), .real("end_learning_rate", 0.0001, from: 0, slider: 1e-6...1, scale: .log),
                                 .real("power", 1, from: 0, slider: 0...5), .flag("cycle", false)]),
            ("InverseTimeDecay", [rate, steps("decay_steps"), .real("decay_rate", 0.5, from: 0, slider: 0...10), .flag("staircase", false)]),
            ("CosineDecay", [rate, steps("decay_steps"), .real("alpha", 0, from: 0, slider: 0...1),
                             .real("warmup_target", 0.01, from: 0, slider: 1e-5...10, scale: .log),
                             .real("warmup_steps", 0, from: 0, slider: 0...10_000)]),
            ("CosineDecayRestarts", [rate, steps("first_decay_steps"), .real("t_mul", 2, above: 0, slider: 0.5...4),
                                     .real("m_mul", 1, from: 0, slider: 0...1), .real("alpha", 0, from: 0, slider: 0...1)]),
        ]
    }()
}

extension OptimizerConfiguration {
    /// The base optimizer's keys as a page offers them: `weight_decay`, the three clippings and
    /// the moving average's momentum and overwrite frequency.
    /// These declarations are also what ``validate()`` checks against, so the page's ranges and
    /// the accepted values are one and the same.
    public static let baseArguments: [Hyperparameter] = [
        .real("weight_decay", 0.004, from: 0, slider: 0...0.5),
        .real("clipnorm", 1, above: 0, slider: 0.01...100, scale: .log),
        .real("clipvalue", 1, above: 0, slider: 0.01...100, scale: .log),
        .real("global_clipnorm", 1, above: 0, slider: 0.01...100, scale: .log),
        .real("ema_momentum", 0.99, from: 0, to: 1, slider: 0...0.999),
        .integer("ema_overwrite_frequency", 10, from: 1, to: Int(Int32.max), slider: 1...100_000),
    ]

    /// The learning rate as a number: >= 0, offered from 1e-5 to 10 on a log slider.
    public static let learningRateArgument = Hyperparameter.real("learning_rate", 0.001, from: 0, slider: 1e-5...10, scale: .log)

    /// The base argument named `key` (one of ``baseArguments``).
    static func baseArgument(_ key: String) -> Hyperparameter {
        // Every key asked for is declared above; an unknown one accepts nothing.
        Hyperparameter.named(key, in: baseArguments) ?? .real(key, 0, from: 0, to: -1, slider: 0...1)
    }
}
