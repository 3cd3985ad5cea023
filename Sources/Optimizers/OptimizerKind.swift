import Foundation

/// A named optimizer: every Keras rule at its defaults, and the classic animations' presets
/// "Momentum" (SGD with momentum 0.9) and "NAG" (with Nesterov too).
///
/// Kinds come from the rule registry (``OptimizerRule/registry``), so a new rule is a new kind.
public struct OptimizerKind: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The short stable name used on command lines and in files: `adam`, `momentum`.
    public let name: String
    /// The name shown in legends and reports: `Adam`, `Momentum`.
    public let displayName: String
    /// The rule at Keras's defaults (and the preset's changes).
    public let defaultRule: OptimizerRule

    /// Every kind: the rules in registry order, the two presets after SGD.
    public static let allCases: [OptimizerKind] = OptimizerRule.registry.flatMap { entry -> [OptimizerKind] in
        let kind = OptimizerKind(name: entry.name, displayName: entry.className, defaultRule: entry.defaultRule)
        return entry.name == SGD.name ? [kind, momentum, nag] : [kind]
    }

    /// SGD with momentum 0.9, the classic animations' "Momentum".
    public static let momentum = OptimizerKind(name: "momentum", displayName: "Momentum", defaultRule: OptimizerRule(SGD().with(\.momentum, 0.9)))
    /// SGD with momentum 0.9 and Nesterov's look-ahead: "NAG".
    public static let nag = OptimizerKind(name: "nag", displayName: "NAG", defaultRule: OptimizerRule(SGD().with(\.momentum, 0.9).with(\.nesterov, true)))
    /// The classic rules at Keras's defaults, by name.
    public static let sgd = named("sgd"), adagrad = named("adagrad"), adadelta = named("adadelta"), rmsprop = named("rmsprop")
    /// Adam and its variants at Keras's defaults, by name.
    public static let adam = named("adam"), adamw = named("adamw"), adamax = named("adamax"), nadam = named("nadam")
    /// The other modern rules at Keras's defaults, by name.
    public static let lion = named("lion"), lamb = named("lamb"), adafactor = named("adafactor"), ftrl = named("ftrl")
    /// Schedule-free AdamW and Muon at Keras's defaults.
    public static let scheduleFreeAdamW = named("schedule_free_adamw"), muon = named("muon")

    /// The seven of the classic animations: SGD, Momentum, NAG, Adagrad, Adadelta, RMSprop, Adam.
    public static let classics: [OptimizerKind] = [.sgd, .momentum, .nag, .adagrad, .adadelta, .rmsprop, .adam]

    private static func named(_ name: String) -> OptimizerKind { allCases.first { $0.name == name }! }

    /// The optimizer at Keras's defaults: this kind's rule, its default learning rate and weight decay.
    public var defaultConfiguration: OptimizerConfiguration { OptimizerConfiguration(defaultRule) }

    /// The defaults with another learning rate, when one is given.
    public func configuration(learningRate: Double? = nil) -> OptimizerConfiguration {
        OptimizerConfiguration(defaultRule, learningRate: learningRate.map(LearningRate.constant))
    }

    public var description: String { name }

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
        guard let kind = Self.allCases.first(where: { $0.name == name.lowercased() }) else { throw OptimizerError.unknownName(name) }
        self = kind
    }

    private init(name: String, displayName: String, defaultRule: OptimizerRule) {
        self.name = name
        self.displayName = displayName
        self.defaultRule = defaultRule
    }

    public init(from decoder: Decoder) throws { try self.init(named: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
