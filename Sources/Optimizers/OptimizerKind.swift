/// The named optimizers Descent compares, each a Keras rule at Keras's defaults.
///
/// "Momentum" is SGD with momentum 0.9 and "NAG" adds Nesterov, as in the classic animations.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, momentum, nag, adagrad, adadelta, rmsprop, adam

    /// The short stable name used on command lines and in files.
    public var name: String { rawValue }

    /// The name shown in legends and reports.
    public var displayName: String {
        switch self {
        case .sgd: "SGD"
        case .momentum: "Momentum"
        case .nag: "NAG"
        case .adagrad: "Adagrad"
        case .adadelta: "Adadelta"
        case .rmsprop: "RMSprop"
        case .adam: "Adam"
        }
    }

    /// The rule at Keras's defaults.
    public var defaultRule: OptimizerRule {
        switch self {
        case .sgd: .sgd(SGD())
        case .momentum: .sgd(SGD(momentum: 0.9))
        case .nag: .sgd(SGD(momentum: 0.9, nesterov: true))
        case .adagrad: .adagrad(Adagrad())
        case .adadelta: .adadelta(Adadelta())
        case .rmsprop: .rmsprop(RMSprop())
        case .adam: .adam(Adam())
        }
    }

    /// The rule at Keras's defaults but for the learning rate, when one is given.
    public func rule(learningRate: Double? = nil) -> OptimizerRule {
        var rule = defaultRule
        if let learningRate { rule.learningRate = learningRate }
        return rule
    }

    /// Reads a command-line list such as `"sgd=0.001,momentum,adam=0.05"`: each item a name,
    /// optionally with `=LEARNING_RATE` (nil keeps Keras's default).
    public static func parseList(_ text: String) throws -> [(kind: OptimizerKind, learningRate: Double?)] {
        try text.split(separator: ",").map { item in
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let kind = try OptimizerKind(named: pair[0])
            guard pair.count == 2 else { return (kind, nil) }
            guard let rate = Double(pair[1]) else { throw OptimizerError.malformedLearningRate(pair[1], optimizer: pair[0]) }
            return (kind, rate)
        }
    }

    /// Looks a kind up by its stable name, throwing a message that lists the known names.
    public init(named name: String) throws {
        guard let kind = OptimizerKind(rawValue: name.lowercased()) else {
            throw OptimizerError.unknownName(name)
        }
        self = kind
    }
}
