import Foundation

/// Adamax — Keras 3 `Adamax`: Adam with the infinity norm in place of the root mean square.
///
/// `m += (g - m)*(1-b1)`; `u = max(b2*u, |g|)`; `theta -= lr*m / ((1 - b1^t) * (u + eps))`.
public struct Adamax: AdamMomentRule {
    public static let name = "adamax", className = "Adamax", summary = "Adam scaled by the largest recent gradient instead of the squared average"
    public static let defaultLearningRate = 0.001

    /// `beta_1`, `beta_2`, `epsilon`.
    public var moments = AdamMoments()

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init() {}

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), b1 = S(beta1), b2 = S(beta2), eps = S(epsilon)
        let correction = S(1 - pow(beta1, Double(step.t)))
        let theta = x.parameters, g = x.gradients, m = x.slots[0], u = x.slots[1]
        for i in 0..<theta.count {
            m[i] += (g[i] - m[i]) * (1 - b1)
            u[i] = max(b2 * u[i], abs(g[i]))
            theta[i] -= lr * m[i] / (correction * (u[i] + eps))
        }
    }
}

extension Adamax {
    /// The first moment scaled per coordinate by the decayed maximum of |g|, bias-corrected.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let scale = inversePreconditioner(at: step.t, slots: state.slotsAfter)!.scaled(step.learningRate / (1 - pow(beta1, Double(step.t))))
        return RuleInternals(arrows: MomentSplit(beta1: beta1, scale: scale, state: state).arrows, scale: scale,
                             slots: [("first moment", state.slotsAfter[0]), ("gradient maximum", state.slotsAfter[1])])
    }

    /// Adam's `(2 + 2β₁) / (1 - β₁)`: the same averaged momentum.
    public var stabilityLimit: Double? { (2 + 2 * beta1) / (1 - beta1) }
    /// `1 / (u + epsilon)`, the step's scale on the bias-corrected moment.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? { slots[1].map { 1 / ($0 + epsilon) } }
}
