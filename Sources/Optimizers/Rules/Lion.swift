/// Lion — Keras 3 `Lion`: the sign of an interpolated momentum, every step the same size.
///
/// `theta -= lr * sign(b1*m + (1-b1)*g)`; then `m = b2*m + (1-b2)*g`.
public struct Lion: UpdateRule {
    public static let name = "lion", className = "Lion", summary = "steps of fixed size along the sign of a momentum"
    public static let defaultLearningRate = 0.001
    // Keras refuses beta_1 <= 0 (Lion degenerates to sign descent) and > 1.
    public static let parameters: [RuleParameter<Lion>] = [
        .real("beta_1", \.beta1, above: 0, to: 1, slider: 0.0001...1), .decay("beta_2", \.beta2),
    ]

    /// Weight of the momentum in the signed direction, in (0, 1].
    public var beta1 = 0.9
    /// Decay of the momentum, in [0, 1).
    public var beta2 = 0.99

    /// Keras defaults: `beta_1=0.9, beta_2=0.99`.
    public init() {}

    /// Slot: the momentum `m`.
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), b1 = S(beta1), b2 = S(beta2)
        let theta = x.parameters, g = x.gradients, m = x.slots[0]
        for i in 0..<theta.count {
            let c = m[i] * b1 + g[i] * (1 - b1)
            // sign(c): -1, 0 or 1 (0 stays 0, as ops.sign gives).
            let sign: S = c > 0 ? 1 : (c < 0 ? -1 : 0)
            theta[i] -= lr * sign
            m[i] = m[i] * b2 + g[i] * (1 - b2)
        }
    }
}

extension Lion {
    /// A step of fixed size along the sign of the momentum interpolated with the gradient (drawn
    /// as the step it would be unsigned).
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let interpolated = state.slotsBefore[0].indices.map { beta1 * state.slotsBefore[0][$0] + (1 - beta1) * state.gradient[$0] }
        let sign = interpolated.map { $0 > 0 ? 1.0 : ($0 < 0 ? -1 : 0) }
        return RuleInternals(arrows: [.part("sign step", sign.scaled(-step.learningRate)),
                                      .state("interpolated momentum", interpolated.scaled(-step.learningRate))],
                             slots: [("momentum", state.slotsAfter[0])])
    }
}
