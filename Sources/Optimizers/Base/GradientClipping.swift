/// Keras's gradient clipping, one of three kinds, applied before the weight decay and the rule.
public enum GradientClipping: Hashable, Sendable {
    /// `clipnorm`: each variable's gradient scaled to an L2 norm of at most this.
    case norm(Double)
    /// `clipvalue`: each component clamped to [-c, c].
    case value(Double)
    /// `global_clipnorm`: all gradients scaled together to a joint L2 norm of at most this.
    case globalNorm(Double)

    /// Keras's key: `clipnorm`, `clipvalue` or `global_clipnorm`.
    public var key: String {
        switch self {
        case .norm: "clipnorm"
        case .value: "clipvalue"
        case .globalNorm: "global_clipnorm"
        }
    }

    /// The threshold.
    public var threshold: Double {
        switch self {
        case let .norm(c), let .value(c), let .globalNorm(c): c
        }
    }

    /// The three keys.
    public static let keys = ["clipnorm", "clipvalue", "global_clipnorm"]

    /// The clipping Keras's `key` names, at `threshold`.
    public init?(key: String, threshold: Double) {
        switch key {
        case "clipnorm": self = .norm(threshold)
        case "clipvalue": self = .value(threshold)
        case "global_clipnorm": self = .globalNorm(threshold)
        default: return nil
        }
    }

    /// Whether it can be applied to any range of the gradients on its own.
    public var isElementwise: Bool { if case .value = self { true } else { false } }
}

/// Keras's exponential moving average of the weights (`use_ema=True`).
///
/// After every step `average = momentum*average + (1-momentum)*theta` (the first step copies
/// `theta`); every `overwriteFrequency` steps the weights are set to the average.
public struct MovingAverage: Hashable, Sendable {
    /// `ema_momentum`, in [0, 1].
    public var momentum: Double
    /// `ema_overwrite_frequency`: nil never overwrites.
    public var overwriteFrequency: Int?

    /// Keras defaults: `ema_momentum=0.99, ema_overwrite_frequency=None`.
    public init(momentum: Double = 0.99, overwriteFrequency: Int? = nil) {
        self.momentum = momentum
        self.overwriteFrequency = overwriteFrequency
    }
}
