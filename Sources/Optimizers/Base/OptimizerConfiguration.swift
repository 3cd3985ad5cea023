/// Everything that defines an optimizer, as Keras's `get_config()` holds it: the update rule
/// and what Keras keeps in its base optimizer — the learning rate (a number or a schedule),
/// gradient clipping, decoupled weight decay and the moving average.
public struct OptimizerConfiguration: Hashable, Sendable {
    public var rule: OptimizerRule
    public var learningRate: LearningRate
    public var clipping: GradientClipping?
    /// `weight_decay`: `theta -= theta * weight_decay * lr` before each step; nil for none.
    public var weightDecay: Double?
    /// `use_ema` and its settings; nil for none.
    public var movingAverage: MovingAverage?

    /// `rule` with Keras's defaults for everything else (its default learning rate and weight
    /// decay) unless given.
    public init(_ rule: OptimizerRule, learningRate: LearningRate? = nil, clipping: GradientClipping? = nil,
                weightDecay: Double?? = .none, movingAverage: MovingAverage? = nil) {
        self.rule = rule
        self.learningRate = learningRate ?? .constant(rule.entry.defaultLearningRate)
        self.clipping = clipping
        self.weightDecay = weightDecay ?? rule.entry.defaultWeightDecay
        self.movingAverage = movingAverage
    }

    /// Throws a one-line error for a value Keras would refuse or Descent cannot honour.
    public func validate() throws {
        let values = rule.values
        for parameter in rule.entry.hyperparameters { try parameter.check(values[parameter.key]!) }
        try rule.base.validate()
        switch learningRate {
        case let .constant(rate): try Self.nonNegative.check(rate, as: "learning_rate")
        case let .schedule(schedule):
            try schedule.validate()
        }
        if let clipping { try Self.positive.check(clipping.threshold, as: clipping.key) }
        if let weightDecay { try Self.nonNegative.check(weightDecay, as: "weight_decay") }
        if let average = movingAverage {
            try Hyperparameter.real("ema_momentum", 0.99, from: 0, to: 1, slider: 0...1).check(average.momentum)
            if let frequency = average.overwriteFrequency, frequency < 1 {
                throw OptimizerError.invalidHyperparameter(name: "ema_overwrite_frequency", value: Double(frequency),
                                                           allowed: "a whole number >= 1 or null")
            }
        }
    }

    static let nonNegative = Hyperparameter.real("value", 0, from: 0, slider: 0...1)
    static let positive = Hyperparameter.real("value", 1, above: 0, slider: 0...1)
}

extension Hyperparameter {
    /// ``check(_:)`` under another key's name.
    func check(_ value: Double, as key: String) throws {
        guard accepts(value) else { throw OptimizerError.invalidHyperparameter(name: key, value: value, allowed: allowed) }
    }
}

extension LearningRateSchedule {
    /// Throws a one-line error for arguments Keras refuses or that make no schedule.
    public func validate() throws {
        let positive = OptimizerConfiguration.positive, nonNegative = OptimizerConfiguration.nonNegative
        switch self {
        case let .exponentialDecay(lr0, steps, rate, _), let .inverseTimeDecay(lr0, steps, rate, _):
            try nonNegative.check(lr0, as: "initial_learning_rate")
            try positive.check(steps, as: "decay_steps")
            try nonNegative.check(rate, as: "decay_rate")
        case let .piecewiseConstantDecay(boundaries, values):
            guard boundaries.count == values.count - 1, !boundaries.isEmpty else {
                throw OptimizerError.invalidSchedule("PiecewiseConstantDecay needs one more value than boundaries, got \(boundaries.count) boundaries and \(values.count) values")
            }
            guard zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw OptimizerError.invalidSchedule("PiecewiseConstantDecay's boundaries must increase")
            }
            for value in values { try nonNegative.check(value, as: "values") }
        case let .polynomialDecay(lr0, steps, end, power, _):
            try nonNegative.check(lr0, as: "initial_learning_rate")
            try positive.check(steps, as: "decay_steps")
            try nonNegative.check(end, as: "end_learning_rate")
            try nonNegative.check(power, as: "power")
        case let .cosineDecay(lr0, steps, alpha, target, warmup):
            try nonNegative.check(lr0, as: "initial_learning_rate")
            try positive.check(steps, as: "decay_steps")
            try nonNegative.check(alpha, as: "alpha")
            if let target { try nonNegative.check(target, as: "warmup_target") }
            try nonNegative.check(warmup, as: "warmup_steps")
            if target != nil, warmup == 0 {
                throw OptimizerError.invalidSchedule("CosineDecay with a warmup_target needs warmup_steps > 0")
            }
        case let .cosineDecayRestarts(lr0, steps, tMul, mMul, alpha):
            try nonNegative.check(lr0, as: "initial_learning_rate")
            try positive.check(steps, as: "first_decay_steps")
            try positive.check(tMul, as: "t_mul")
            try nonNegative.check(mMul, as: "m_mul")
            try nonNegative.check(alpha, as: "alpha")
        }
    }
}
