/// Adadelta — Keras 3 `Adadelta`.
///
/// `Eg = rho*Eg + (1-rho)*g*g`; `d = -sqrt(Ed + eps) / sqrt(Eg + eps) * g`;
/// `Ed = rho*Ed + (1-rho)*d*d`; `theta += lr*d`. Both accumulators start at 0.
public struct Adadelta: UpdateRule {
    public static let name = "adadelta", className = "Adadelta", summary = "steps scaled by past steps over past gradients"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<Adadelta>] = [.decay("rho", \.rho), .epsilon(\.epsilon)]

    /// Decay of both running averages, in [0, 1).
    public var rho = 0.95
    /// Added under both roots, >= 0; it sets the size of the very first steps.
    public var epsilon = 1e-7

    /// Keras defaults: `rho=0.95, epsilon=1e-7`.
    public init() {}

    /// Slots: the squared-gradient average `Eg`, the squared-update average `Ed`.
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *)), .zeros(shape.reduce(1, *))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), rho = S(rho), eps = S(epsilon), theta = x.parameters, g = x.gradients
        let eg = x.slots[0], ed = x.slots[1]
        for i in 0..<theta.count {
            eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i]
            let d = -S.root(ed[i] + eps) / S.root(eg[i] + eps) * g[i]
            ed[i] = rho * ed[i] + (1 - rho) * d * d
            theta[i] += lr * d
        }
    }
}

extension Adadelta {
    /// The gradient scaled per coordinate by the root of past steps' squares over its own.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let eg = state.slotsAfter[0], ed = state.slotsBefore[1]
        let scale = eg.indices.map { i in step.learningRate * (ed[i] + epsilon).squareRoot() / (eg[i] + epsilon).squareRoot() }
        return RuleInternals(arrows: [.part("scaled step", scale.times(state.gradient).scaled(-1))], scale: scale,
                             slots: [("gradient square average", eg), ("step square average", state.slotsAfter[1])])
    }
}
