/// Any one of the update rules, chosen at run time (from a name, a scene file, a flag) — and
/// the registry of them all.
///
/// It steps through closures made where the rule's type is known, so each rule's loop is
/// specialised for `Float` and `Double` and no existential sits in the hot path (one call per
/// variable, not per parameter). A registered rule gets them from its registry entry; adding a
/// rule is its file, its test and its line in ``registry``.
public struct OptimizerRule: Hashable, Sendable {
    /// The rule inside, as the protocol sees it.
    public let base: any UpdateRule
    private let stepDouble: @Sendable (StepContext, VariableStep<Double>) -> Void
    private let stepFloat: @Sendable (StepContext, VariableStep<Float>) -> Void

    /// `rule`, stepping through its specialised code (its registry entry's).
    public init(_ rule: some UpdateRule) {
        self = Self.entry(named: type(of: rule).name)?.wrap(rule) ?? OptimizerRule(specialising: rule)
    }

    /// `rule` with closures made here, where `R` is a known type once this is specialised.
    init<R: UpdateRule>(specialising rule: R) {
        base = rule
        stepDouble = { rule.apply($0, $1) }
        stepFloat = { rule.apply($0, $1) }
    }

    /// Every rule, in the order lists show them: each with its group and where its numbers come from.
    public static let registry: [RuleEntry] = [
        RuleEntry(SGD.self, group: .classic, .keras3),
        RuleEntry(Adagrad.self, group: .classic, .keras3),
        RuleEntry(Adadelta.self, group: .classic, .keras3),
        RuleEntry(RMSprop.self, group: .classic, .keras3),
        RuleEntry(Adam.self, group: .classic, .keras3),
        RuleEntry(AdamW.self, group: .modern, .keras3),
        RuleEntry(Adamax.self, group: .modern, .keras3),
        RuleEntry(Nadam.self, group: .modern, .keras3),
        RuleEntry(Lion.self, group: .modern, .keras3),
        RuleEntry(Lamb.self, group: .modern, .keras3),
        RuleEntry(Adafactor.self, group: .modern, .keras3),
        RuleEntry(Ftrl.self, group: .modern, .keras3),
        RuleEntry(ScheduleFreeAdamW.self, group: .modern, .keras3),
        RuleEntry(Muon.self, group: .modern, .keras3),
    ]

    /// One step of one variable (or, for an element-wise rule, a range of it).
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) { stepper(S.self)(step, x) }

    /// The step for `S` (Float or Double, OptimizerScalar's only types), to keep and call.
    public func stepper<S: OptimizerScalar>(_: S.Type) -> @Sendable (StepContext, VariableStep<S>) -> Void {
        if let step = stepDouble as? @Sendable (StepContext, VariableStep<S>) -> Void { return step }
        if let step = stepFloat as? @Sendable (StepContext, VariableStep<S>) -> Void { return step }
        // Only Float and Double conform; another scalar type is a programming error.
        preconditionFailure("no step for \(S.self)")
    }

    public static func == (a: OptimizerRule, b: OptimizerRule) -> Bool { AnyHashable(a.base) == AnyHashable(b.base) }
    public func hash(into hasher: inout Hasher) { AnyHashable(base).hash(into: &hasher) }

    /// The rule's description: names, defaults, hyper-parameters (a rule outside the registry
    /// describes itself the same way).
    public var entry: RuleEntry { Self.entry(named: type(of: base).name) ?? Self.unregistered(base) }

    private static func unregistered<R: UpdateRule>(_ rule: R) -> RuleEntry {
        RuleEntry(R.self, group: RuleGroup(name: "other", title: "Other rules"), .paper("not registered", code: "-"))
    }

    /// Keras's snake-case name: `adamw`.
    public var name: String { type(of: base).name }
    /// The hyper-parameters by Keras key.
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
    /// Every hyper-parameter's description, in Keras's order.
    public let hyperparameters: [Hyperparameter]
    private let make: @Sendable (HyperparameterValues) -> OptimizerRule
    private let check: @Sendable (OptimizerRule) throws -> Void
    /// A rule of this entry's type as an ``OptimizerRule`` with closures specialised for it.
    let wrap: @Sendable (any UpdateRule) -> OptimizerRule?

    init<R: UpdateRule>(_ type: R.Type, group: RuleGroup, _ provenance: Provenance) {
        name = R.name
        className = R.className
        summary = R.summary
        self.group = group
        self.provenance = provenance
        defaultLearningRate = R.defaultLearningRate
        defaultWeightDecay = R.defaultWeightDecay
        hyperparameters = R.hyperparameters
        make = { OptimizerRule(specialising: R(values: $0)) }
        check = { try $0.base.validate() }
        wrap = { ($0 as? R).map(OptimizerRule.init(specialising:)) }
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
