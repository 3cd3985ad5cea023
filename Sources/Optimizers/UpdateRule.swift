/// One optimizer update rule — Keras's `update_step` — and its own description.
///
/// A rule is a value holding its hyper-parameters (not the learning rate, which belongs to
/// ``Optimizer`` as in Keras and arrives with each step). It describes itself — Keras's name
/// and class name, every hyper-parameter's key, default and range — so that validation, scene
/// files, `--list` and the explorer need no table of their own. The state it needs between
/// steps (its *slots*) is owned by ``Optimizer``; the same `apply` serves a 2-parameter point in
/// `Double` and a network's parameters in `Float`.
///
/// Each hyper-parameter is declared once, as a ``RuleParameter`` naming its stored property;
/// its default is that property's initial value.
///
/// Adding a rule: a file with a type conforming to this protocol (its step and its internals),
/// its test, and its line in ``OptimizerRule/registry``.
public protocol UpdateRule: Sendable, Hashable {
    /// Keras's name in snake case, as scene files and command lines write it: `adamw`.
    static var name: String { get }
    /// Keras's class name, as `keras.optimizers.serialize` writes it: `AdamW`.
    static var className: String { get }
    /// One line for `--list`: what the rule does, in a few words.
    static var summary: String { get }
    /// Keras's default learning rate.
    static var defaultLearningRate: Double { get }
    /// Keras's default `weight_decay` (AdamW and Muon decay by default), nil for none.
    static var defaultWeightDecay: Double? { get }
    /// Every hyper-parameter but the learning rate, in Keras's order, each declared once.
    static var parameters: [RuleParameter<Self>] { get }
    /// Whether each parameter's step depends only on its own gradient and slots, so that any
    /// ranges of the parameters may be updated apart (and in parallel).
    static var isElementwise: Bool { get }
    /// Whether `apply` multiplies matrices through ``VariableStep/multiply`` (Muon), whose library
    /// uses every core itself: such a rule's variables are stepped one after another.
    static var multipliesMatrices: Bool { get }
    /// Scalars the rule carries from step to step for all variables at once (Nadam's product of
    /// momentum-cache factors), at their starting values.
    static var carriedInitialValues: [Double] { get }

    /// The rule at Keras's defaults.
    init()
    /// The rule at `values` (already checked against the ranges); a key not given keeps its default.
    init(values: HyperparameterValues)
    /// The hyper-parameters by key.
    var values: HyperparameterValues { get }
    /// Checks what the ranges alone cannot (a combination of values); nothing by default.
    func validate() throws

    /// The slots kept for a variable of `shape`, the same number for every shape.
    func slots(for shape: [Int]) -> [Slot]
    /// Advances the carried scalars to step `t` (1-based), once per step before any variable.
    func advance(_ carried: inout [Double], to t: Int)
    /// The decoupled weight decay applied to a variable of `shape` when the optimizer's
    /// `weight_decay` is `base` (Muon decays its AdamW variables by another rate).
    func weightDecay(_ base: Double?, shape: [Int]) -> Double?

    /// Applies one step to one variable (or, for an element-wise rule, any range of it) in place.
    func apply<S: OptimizerScalar>(_ step: StepContext, _ variable: VariableStep<S>)

    /// The step just taken on a point, explained from the state it used: arrows that add up to
    /// the move, the per-coordinate step size, the points the rule keeps and its slots by name.
    func internals(_ step: StepContext, _ state: StepState) -> RuleInternals

    /// The largest `learningRate * λ` at which the rule's step on a quadratic of curvature `λ`
    /// (an eigenvalue of the Hessian, or of `P⁻¹H` for a rule with a preconditioner, held
    /// fixed) does not grow: 2 for gradient descent, `2 + 2μ` with heavy-ball momentum; nil
    /// when not known. Sharpness above `stabilityLimit / learningRate` makes the step oscillate
    /// outward along that direction (the edge of stability, Cohen et al. 2021 and 2022).
    var stabilityLimit: Double? { get }
    /// The diagonal of the rule's inverse preconditioner `P⁻¹` from its slots after step `t`
    /// (each slot laid out as the variable): the step is `learningRate * P⁻¹` times the gradient,
    /// or times its bias-corrected moment. Nil for a rule that treats every coordinate alike or
    /// does not scale that way.
    func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]?
}

extension UpdateRule {
    /// No weight decay unless the rule says otherwise.
    public static var defaultWeightDecay: Double? { nil }
    /// Element-wise unless the rule says otherwise.
    public static var isElementwise: Bool { true }
    /// No matrix products unless the rule says otherwise.
    public static var multipliesMatrices: Bool { false }
    /// No carried scalars unless the rule says otherwise.
    public static var carriedInitialValues: [Double] { [] }
    /// Nothing to check beyond the ranges.
    public func validate() throws {}
    /// Nothing carried, nothing to advance.
    public func advance(_ carried: inout [Double], to t: Int) {}
    /// The optimizer's `weight_decay` for every variable.
    public func weightDecay(_ base: Double?, shape: [Int]) -> Double? { base }
    /// Not known unless the rule says.
    public var stabilityLimit: Double? { nil }
    /// No per-coordinate preconditioner unless the rule says.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? { nil }

    /// Every hyper-parameter's description, in Keras's order, with Keras's defaults.
    public static var hyperparameters: [Hyperparameter] { parameters.map(\.description) }

    /// The rule at its defaults, each key of `values` set on the property its declaration names.
    public init(values: HyperparameterValues) {
        self.init()
        for parameter in Self.parameters {
            if let value = values[parameter.description.key] { parameter.set(value, in: &self) }
        }
    }

    /// Each declared hyper-parameter's value, by Keras key.
    public var values: HyperparameterValues {
        Dictionary(uniqueKeysWithValues: Self.parameters.map { ($0.description.key, $0.value(in: self)) })
    }

    /// Each hyper-parameter's description beside its value in this rule, in Keras's order.
    public var settings: [(parameter: Hyperparameter, value: Double)] {
        Self.parameters.map { ($0.description, $0.value(in: self)) }
    }

    /// This rule with one property changed: `Adam().with(\.beta1, 0.8)`.
    public func with<Value>(_ path: WritableKeyPath<Self, Value>, _ value: Value) -> Self {
        var changed = self
        changed[keyPath: path] = value
        return changed
    }

    /// The rule at Keras's defaults.
    public static var defaults: Self { Self() }

    /// Keras's default for every hyper-parameter.
    public static var defaultValues: HyperparameterValues {
        Dictionary(uniqueKeysWithValues: hyperparameters.map { ($0.key, $0.defaultValue) })
    }
}

/// One slot a rule keeps for a variable: how many values, and what they start at.
public struct Slot: Sendable, Equatable {
    /// What a slot holds before the first step.
    public enum Start: Sendable, Equatable {
        /// Every value the same (Adagrad's accumulator starts at 0.1).
        case value(Double)
        /// A copy of the variable (ScheduleFreeAdamW's `z`).
        case parameters
    }

    /// How many values the slot holds.
    public let count: Int
    /// What they start at.
    public let start: Start

    /// A slot of `count` values starting at `start`.
    public init(count: Int, start: Start = .value(0)) {
        self.count = count
        self.start = start
    }

    /// `count` zeros.
    public static func zeros(_ count: Int) -> Slot { Slot(count: count) }
}

/// What a step gives every variable's update: its number, its learning rate, the carried scalars.
public struct StepContext: Sendable {
    /// The step, 1-based (Keras's `iterations + 1`).
    public let t: Int
    /// The learning rate of this step (a schedule evaluated at `t - 1`, as Keras does).
    public let learningRate: Double
    /// The rule's carried scalars after ``UpdateRule/advance(_:to:)`` for this step.
    public let carried: [Double]

    /// Step `t` at `learningRate`, with the rule's carried scalars.
    public init(t: Int, learningRate: Double, carried: [Double] = []) {
        self.t = t
        self.learningRate = learningRate
        self.carried = carried
    }
}

/// One variable's part of a step: its shape, its values, its gradient and its slots.
public struct VariableStep<S: OptimizerScalar> {
    /// The whole variable's shape (`[2]` for a 2D point, `[784, 1024]` for a kernel).
    public let shape: [Int]
    public let parameters: UnsafeMutableBufferPointer<S>
    /// The gradients of `parameters`, element for element.
    public let gradients: UnsafeBufferPointer<S>
    /// The rule's slots for these parameters, in the order of ``UpdateRule/slots(for:)``.
    public let slots: [UnsafeMutableBufferPointer<S>]
    /// A matrix library's product, for the rules that multiply matrices (Muon); nil: a plain loop.
    public let multiply: MatrixMultiply<S>?

    /// One variable's (or one range's) part of a step.
    public init(shape: [Int], parameters: UnsafeMutableBufferPointer<S>, gradients: UnsafeBufferPointer<S>,
                slots: [UnsafeMutableBufferPointer<S>], multiply: MatrixMultiply<S>? = nil) {
        self.shape = shape
        self.parameters = parameters
        self.gradients = gradients
        self.slots = slots
        self.multiply = multiply
    }

    /// Number of parameters in this part.
    public var count: Int { parameters.count }
}
