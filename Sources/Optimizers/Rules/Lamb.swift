import Foundation

/// Lamb — Keras 3 `Lamb`: Adam's step scaled per variable by a trust ratio.
///
/// `m += (g - m)*(1-b1)`, `v += (g*g - v)*(1-b2)`;
/// `r = (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)`;
/// `theta -= (|theta| / |r|) * lr * r` over the whole variable (ratio 1 where either norm is 0).
public struct Lamb: AdamMomentRule {
    public static let name = "lamb", className = "Lamb", summary = "Adam's step rescaled per variable to the variable's norm"
    public static let defaultLearningRate = 0.001
    public static let isElementwise = false

    /// `beta_1`, `beta_2`, `epsilon`.
    public var moments = AdamMoments()

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init() {}

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let b1 = S(beta1), b2 = S(beta2), eps = S(epsilon)
        // Divisions by constants as products with their reciprocals (see Nadam).
        let mScale = S(1 / (1 - pow(beta1, Double(step.t)))), vScale = S(1 / (1 - pow(beta2, Double(step.t))))
        let theta = x.parameters, g = x.gradients, m = x.slots[0], v = x.slots[1]
        // First pass: the moments and both norms; the second takes the step.
        var weightSquares = 0.0, updateSquares = 0.0
        for i in 0..<theta.count {
            m[i] += (g[i] - m[i]) * (1 - b1)
            v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
            let r = (m[i] * mScale) / (S.root(v[i] * vScale) + eps)
            weightSquares += Double(theta[i] * theta[i])
            updateSquares += Double(r * r)
        }
        let ratio = weightSquares > 0 && updateSquares > 0 ? (weightSquares / updateSquares).squareRoot() : 1
        let scale = S(ratio * step.learningRate)
        for i in 0..<theta.count {
            theta[i] -= scale * ((m[i] * mScale) / (S.root(v[i] * vScale) + eps))
        }
    }
}

extension Lamb {
    /// Adam's bias-corrected direction, rescaled by the trust ratio |theta| / |direction|.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let mScale = 1 / (1 - pow(beta1, Double(step.t))), vScale = 1 / (1 - pow(beta2, Double(step.t)))
        let m = state.slotsAfter[0], v = state.slotsAfter[1]
        let perMoment = v.map { mScale / (($0 * vScale).squareRoot() + epsilon) }
        let direction = perMoment.times(m)
        let weights = state.before.reduce(0) { $0 + $1 * $1 }, updates = direction.reduce(0) { $0 + $1 * $1 }
        let ratio = weights > 0 && updates > 0 ? (weights / updates).squareRoot() : 1
        let scale = perMoment.scaled(ratio * step.learningRate)
        return RuleInternals(arrows: MomentSplit(beta1: beta1, scale: scale, state: state).arrows, scale: scale,
                             numbers: [("trust ratio", ratio)], slots: [("first moment", m), ("second moment", v)])
    }
}
