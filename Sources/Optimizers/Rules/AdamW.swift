/// AdamW — Keras 3 `AdamW`: Adam with decoupled weight decay, on by default.
///
/// Keras's AdamW is its Adam with `weight_decay=0.004`; the decay itself,
/// `theta -= theta * weight_decay * lr` before the step, is the base optimizer's
/// (``Optimizer``), as for every rule.
public struct AdamW: UpdateRule {
    public static let name = "adamw", className = "AdamW", summary = "Adam with decoupled weight decay (0.004 by default)"
    public static let defaultLearningRate = 0.001
    public static let defaultWeightDecay: Double? = 0.004
    public static let parameters: [RuleParameter<AdamW>] = Adam.parameters.map { $0.lifted(\AdamW.adam) }

    /// The Adam step it takes after the decay.
    public var adam = Adam()

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False`.
    public init() {}

    /// AdamW taking `adam`'s step.
    public init(_ adam: Adam) { self.adam = adam }

    public func slots(for shape: [Int]) -> [Slot] { adam.slots(for: shape) }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) { adam.apply(step, x) }
}

extension AdamW {
    /// Adam's internals; the decay is the optimizer's own arrow.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals { adam.internals(step, state) }

    /// Adam's: the decay shifts the curvature by `weight_decay`, too little to count.
    public var stabilityLimit: Double? { adam.stabilityLimit }
    /// Adam's.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? { adam.inversePreconditioner(at: t, slots: slots) }
}
