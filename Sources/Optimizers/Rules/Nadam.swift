import Foundation

/// Nadam — Keras 3 `Nadam`: Adam with Nesterov momentum and Dozat's momentum-cache schedule.
///
/// `u_t = b1*(1 - 0.5*0.96^t)`, `U_t = u_1*...*u_t` (carried from step to step);
/// `m += (g - m)*(1-b1)`, `v += (g*g - v)*(1-b2)`;
/// `m_hat = u_{t+1}*m / (1 - U_t*u_{t+1}) + (1 - u_t)*g / (1 - U_t)`, `v_hat = v / (1 - b2^t)`;
/// `theta -= lr*m_hat / (sqrt(v_hat) + eps)`.
public struct Nadam: AdamMomentRule {
    public static let name = "nadam", className = "Nadam", summary = "Adam with Nesterov momentum and a warming momentum schedule"
    public static let defaultLearningRate = 0.001
    /// `U_t`, the product of the momentum-cache factors so far.
    public static let carriedInitialValues: [Double] = [1]

    /// `beta_1`, `beta_2`, `epsilon`.
    public var moments = AdamMoments()

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init() {}

    /// The momentum-cache factor of step `t`.
    @inlinable
    func cache(_ t: Int) -> Double { beta1 * (1 - 0.5 * pow(0.96, Double(t))) }

    /// Multiplies the product of momentum-cache factors by step `t`'s.
    public func advance(_ carried: inout [Double], to t: Int) { carried[0] *= cache(t) }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let t = step.t, product = step.carried[0]
        let uT = cache(t), uNext = cache(t + 1)
        let momentumWeight = S(uNext / (1 - product * uNext)), gradientWeight = S((1 - uT) / (1 - product))
        let lr = S(step.learningRate), eps = S(epsilon), b1 = S(beta1), b2 = S(beta2)
        // Divisions by constants become products with their reciprocals: the loop then runs at
        // memory speed (a last-bit difference from Keras's division, far inside its float32 noise).
        let velocityScale = S(1 / (1 - pow(beta2, Double(t))))
        let theta = x.parameters, g = x.gradients, m = x.slots[0], v = x.slots[1]
        for i in 0..<theta.count {
            m[i] += (g[i] - m[i]) * (1 - b1)
            v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
            let mHat = momentumWeight * m[i] + gradientWeight * g[i]
            theta[i] -= mHat * lr / (S.root(v[i] * velocityScale) + eps)
        }
    }
}

extension Nadam {
    /// Nesterov's look-ahead moment and the new gradient, each with its weight of the warming
    /// momentum schedule, scaled per coordinate by the root of the bias-corrected second moment.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let t = step.t, product = step.carried[0], uNext = cache(t + 1)
        let momentumWeight = uNext / (1 - product * uNext), gradientWeight = (1 - cache(t)) / (1 - product)
        let velocityScale = 1 / (1 - pow(beta2, Double(t)))
        let scale = state.slotsAfter[1].map { step.learningRate / (($0 * velocityScale).squareRoot() + epsilon) }
        return RuleInternals(arrows: [.part("look-ahead momentum", scale.times(state.slotsAfter[0]).scaled(-momentumWeight)),
                                      .part("gradient", scale.times(state.gradient).scaled(-gradientWeight))],
                             scale: scale, numbers: [("momentum weight", momentumWeight), ("gradient weight", gradientWeight)],
                             slots: [("first moment", state.slotsAfter[0]), ("second moment", state.slotsAfter[1])])
    }
}
