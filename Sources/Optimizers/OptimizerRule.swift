/// Any one of the update rules, chosen at run time (from a name, a scene file, a flag) — and
/// the registry of them all.
///
/// It dispatches with a `switch`, so each rule's loop is specialised and inlined; no
/// existential sits in the hot path. A new rule is one case, one registry entry and one arm
/// in each of the two switches below.
public enum OptimizerRule: Hashable, Sendable {
    case sgd(SGD)
    case adagrad(Adagrad)
    case adadelta(Adadelta)
    case rmsprop(RMSprop)
    case adam(Adam)
    case adamw(AdamW)
    case adamax(Adamax)
    case nadam(Nadam)
    case lion(Lion)
    case lamb(Lamb)
    case adafactor(Adafactor)
    case ftrl(Ftrl)
    case scheduleFreeAdamW(ScheduleFreeAdamW)
    case muon(Muon)

    /// Every rule, in the order lists show them: each with its group and where its numbers come from.
    public static let registry: [RuleEntry] = [
        RuleEntry(SGD.self, group: .classic, .keras3, OptimizerRule.sgd),
        RuleEntry(Adagrad.self, group: .classic, .keras3, OptimizerRule.adagrad),
        RuleEntry(Adadelta.self, group: .classic, .keras3, OptimizerRule.adadelta),
        RuleEntry(RMSprop.self, group: .classic, .keras3, OptimizerRule.rmsprop),
        RuleEntry(Adam.self, group: .classic, .keras3, OptimizerRule.adam),
        RuleEntry(AdamW.self, group: .modern, .keras3, OptimizerRule.adamw),
        RuleEntry(Adamax.self, group: .modern, .keras3, OptimizerRule.adamax),
        RuleEntry(Nadam.self, group: .modern, .keras3, OptimizerRule.nadam),
        RuleEntry(Lion.self, group: .modern, .keras3, OptimizerRule.lion),
        RuleEntry(Lamb.self, group: .modern, .keras3, OptimizerRule.lamb),
        RuleEntry(Adafactor.self, group: .modern, .keras3, OptimizerRule.adafactor),
        RuleEntry(Ftrl.self, group: .modern, .keras3, OptimizerRule.ftrl),
        RuleEntry(ScheduleFreeAdamW.self, group: .modern, .keras3, OptimizerRule.scheduleFreeAdamW),
        RuleEntry(Muon.self, group: .modern, .keras3, OptimizerRule.muon),
    ]

    /// The rule inside, as the protocol sees it.
    public var base: any UpdateRule {
        switch self {
        case let .sgd(r): r
        case let .adagrad(r): r
        case let .adadelta(r): r
        case let .rmsprop(r): r
        case let .adam(r): r
        case let .adamw(r): r
        case let .adamax(r): r
        case let .nadam(r): r
        case let .lion(r): r
        case let .lamb(r): r
        case let .adafactor(r): r
        case let .ftrl(r): r
        case let .scheduleFreeAdamW(r): r
        case let .muon(r): r
        }
    }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        switch self {
        case let .sgd(r): r.apply(step, x)
        case let .adagrad(r): r.apply(step, x)
        case let .adadelta(r): r.apply(step, x)
        case let .rmsprop(r): r.apply(step, x)
        case let .adam(r): r.apply(step, x)
        case let .adamw(r): r.apply(step, x)
        case let .adamax(r): r.apply(step, x)
        case let .nadam(r): r.apply(step, x)
        case let .lion(r): r.apply(step, x)
        case let .lamb(r): r.apply(step, x)
        case let .adafactor(r): r.apply(step, x)
        case let .ftrl(r): r.apply(step, x)
        case let .scheduleFreeAdamW(r): r.apply(step, x)
        case let .muon(r): r.apply(step, x)
        }
    }

    /// The rule's description: names, defaults, hyper-parameters.
    public var entry: RuleEntry { Self.entry(named: type(of: base).name)! }

    /// Keras's snake-case name: `adamw`.
    public var name: String { type(of: base).name }
    public var values: HyperparameterValues { base.values }
    /// Each hyper-parameter's description beside its value, in Keras's order.
    public var settings: [(parameter: Hyperparameter, value: Double)] { base.settings }
    public var isElementwise: Bool { type(of: base).isElementwise }
    /// Whether the rule multiplies matrices (see ``UpdateRule/multipliesMatrices``).
    public var multipliesMatrices: Bool { type(of: base).multipliesMatrices }
    public func slots(for shape: [Int]) -> [Slot] { base.slots(for: shape) }

    /// The groups of the registry, in its order.
    public static var groups: [RuleGroup] {
        registry.reduce(into: [RuleGroup]()) { groups, entry in if !groups.contains(entry.group) { groups.append(entry.group) } }
    }

    /// The registry entry with this snake-case name, or nil.
    public static func entry(named name: String) -> RuleEntry? { registry.first { $0.name == name } }

    /// The registry entry with this Keras class name (`AdamW`), or nil.
    public static func entry(className: String) -> RuleEntry? { registry.first { $0.className == className } }
}

/// A rule's description in the registry, and how to make it from values.
public struct RuleEntry: Sendable {
    public let name: String, className: String, summary: String
    /// Where the explorer and `--list` list the rule.
    public let group: RuleGroup
    /// Where the rule's numbers come from.
    public let provenance: Provenance
    public let defaultLearningRate: Double
    public let defaultWeightDecay: Double?
    public let hyperparameters: [Hyperparameter]
    private let make: @Sendable (HyperparameterValues) -> OptimizerRule
    private let check: @Sendable (OptimizerRule) throws -> Void

    init<R: UpdateRule>(_ type: R.Type, group: RuleGroup, _ provenance: Provenance, _ wrap: @escaping @Sendable (R) -> OptimizerRule) {
        name = R.name
        className = R.className
        summary = R.summary
        self.group = group
        self.provenance = provenance
        defaultLearningRate = R.defaultLearningRate
        defaultWeightDecay = R.defaultWeightDecay
        hyperparameters = R.hyperparameters
        make = { wrap(R(values: $0)) }
        check = { try $0.base.validate() }
    }

    /// The rule at Keras's defaults.
    public var defaultRule: OptimizerRule { make(defaultValues) }

    /// Keras's default for every hyper-parameter.
    public var defaultValues: HyperparameterValues {
        Dictionary(uniqueKeysWithValues: hyperparameters.map { ($0.key, $0.defaultValue) })
    }

    /// The rule at Keras's defaults but for `values` (any subset of the keys), each checked
    /// against its range; an unknown key is an error.
    public func rule(_ values: HyperparameterValues = [:]) throws -> OptimizerRule {
        var all = defaultValues
        for (key, value) in values {
            guard let parameter = hyperparameters.first(where: { $0.key == key }) else {
                throw OptimizerError.unknownHyperparameter(key, optimizer: name)
            }
            try parameter.check(value)
            all[key] = value
        }
        let rule = make(all)
        try check(rule)
        return rule
    }
}
