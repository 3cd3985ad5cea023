/// Everything that defines an optimizer, as Keras's `get_config()` holds it: the update rule
/// and what Keras keeps in its base optimizer — the learning rate (a number or a schedule),
/// gradient clipping, decoupled weight decay and the moving average.
public struct OptimizerConfiguration: Hashable, Sendable {
    /// The update rule and its hyper-parameters.
    public var rule: OptimizerRule
    /// `learning_rate`: a number, or a schedule evaluated at the step count.
    public var learningRate: LearningRate
    /// `clipnorm`, `clipvalue` or `global_clipnorm`; nil for none.
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
        for (parameter, value) in rule.settings { try parameter.check(value) }
        try rule.base.validate()
        switch learningRate {
        case let .constant(rate): try Self.learningRateArgument.check(rate)
        case let .schedule(schedule): try schedule.validate()
        }
        if let clipping { try Self.baseArgument(clipping.key).check(clipping.threshold) }
        if let weightDecay { try Self.baseArgument("weight_decay").check(weightDecay) }
        if let average = movingAverage {
            try Self.baseArgument("ema_momentum").check(average.momentum)
            if let frequency = average.overwriteFrequency { try Self.baseArgument("ema_overwrite_frequency").check(Double(frequency)) }
        }
    }
}

extension LearningRateSchedule {
    /// Throws a one-line error for arguments Keras refuses or that make no schedule.
    public func validate() throws {
        if case let .piecewiseConstantDecay(boundaries, values) = self {
            guard boundaries.count == values.count - 1, !boundaries.isEmpty else {
                throw OptimizerError.invalidSchedule("PiecewiseConstantDecay needs one more value than boundaries, got \(boundaries.count) boundaries and \(values.count) values")
            }
            guard zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw OptimizerError.invalidSchedule("PiecewiseConstantDecay's boundaries must increase")
            }
            let value = Hyperparameter.real("values", 0, from: 0, slider: 0...1)
            for rate in values { try value.check(rate) }
            return
        }
        // Each number against the same declaration the explorer's picker offers.
        let config = keras["config"] as? [String: Any] ?? [:]
        for argument in Self.arguments.first(where: { $0.className == className })?.arguments ?? [] {
            if let number = config[argument.key] as? Double { try argument.check(number) }
        }
        if case let .cosineDecay(_, _, _, target, warmup) = self, target != nil, warmup == 0 {
            throw OptimizerError.invalidSchedule("CosineDecay with a warmup_target needs warmup_steps > 0")
        }
    }
}
