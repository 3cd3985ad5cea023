import Foundation

/// Adam — Keras 3 `Adam`.
///
/// `m += (g - m)*(1-b1)`; `v += (g*g - v)*(1-b2)`;
/// `alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)`; `theta -= alpha*m / (sqrt(v) + eps)`.
/// Bias correction is folded into the step size, so epsilon acts *outside* the root on
/// the uncorrected `v` (the textbook form adds it to the corrected root instead).
/// AMSGrad divides by the running maximum of `v` instead of `v`.
public struct Adam: UpdateRule {
    public static let name = "adam", className = "Adam", summary = "momentum over steps scaled by the squared-gradient average"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<Adam>] = [
        .decay("beta_1", \.beta1), .decay("beta_2", \.beta2), .epsilon(\.epsilon), .flag("amsgrad", \.amsgrad),
    ]

    /// Decay of the first-moment (mean) estimate, in [0, 1).
    public var beta1 = 0.9
    /// Decay of the second-moment estimate, in [0, 1).
    public var beta2 = 0.999
    /// Added to the root of the second moment, >= 0.
    public var epsilon = 1e-7
    /// Use the AMSGrad variant.
    public var amsgrad = false

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False`.
    public init() {}

    /// Slots: first moment `m`, second moment `v`, and with AMSGrad the maximum of `v`.
    public func slots(for shape: [Int]) -> [Slot] { Array(repeating: .zeros(shape.reduce(1, *)), count: amsgrad ? 3 : 2) }

    /// The bias-corrected step size of step `t` at learning rate `lr`.
    @inlinable
    public func stepSize(at t: Int, learningRate lr: Double) -> Double {
        lr * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
    }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        AdamStep(beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad).apply(step.t, learningRate: step.learningRate, x)
    }
}

/// Adam's step, shared by Adam, AdamW (Adam with a weight decay) and Muon's non-matrix variables.
@usableFromInline
struct AdamStep {
    @usableFromInline let beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool

    @inlinable
    init(beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
    }

    @inlinable
    func apply<S: OptimizerScalar>(_ t: Int, learningRate lr: Double, _ x: VariableStep<S>) {
        let alphaValue = lr * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
        let alpha = S(alphaValue), eps = S(epsilon)
        let oneMinusB1 = 1 - S(beta1), oneMinusB2 = 1 - S(beta2)
        let theta = x.parameters, g = x.gradients, m = x.slots[0], v = x.slots[1]
        if !amsgrad {
            for i in 0..<theta.count {
                m[i] += (g[i] - m[i]) * oneMinusB1
                v[i] += (g[i] * g[i] - v[i]) * oneMinusB2
                theta[i] -= alpha * m[i] / (S.root(v[i]) + eps)
            }
            return
        }
        let vMax = x.slots[2]
        for i in 0..<theta.count {
            m[i] += (g[i] - m[i]) * oneMinusB1
            v[i] += (g[i] * g[i] - v[i]) * oneMinusB2
            vMax[i] = max(vMax[i], v[i])
            theta[i] -= alpha * m[i] / (S.root(vMax[i]) + eps)
        }
    }
}

extension Adam {
    /// The first moment scaled per coordinate by the root of the second (AMSGrad: of its
    /// maximum) with the bias-corrected step size, split into the moment carried and the new gradient's share.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let alpha = stepSize(at: step.t, learningRate: step.learningRate)
        // The step is alpha*m/(sqrt(v)+eps) = lr*P⁻¹ times the bias-corrected moment m/(1-b1^t).
        let scale = inversePreconditioner(at: step.t, slots: state.slotsAfter)!.scaled(step.learningRate / (1 - pow(beta1, Double(step.t))))
        var slots = [("first moment", state.slotsAfter[0]), ("second moment", state.slotsAfter[1])]
        if amsgrad { slots.append(("second moment maximum", state.slotsAfter[2])) }
        return RuleInternals(arrows: MomentSplit(beta1: beta1, scale: scale, state: state).arrows, scale: scale,
                             numbers: [("bias-corrected step size", alpha)], slots: slots)
    }
}

extension Adam {
    /// `(2 + 2β₁) / (1 - β₁)`, 38 at Keras's `beta_1` 0.9: momentum as an average of gradients
    /// (Cohen et al. 2022).
    public var stabilityLimit: Double? { (2 + 2 * beta1) / (1 - beta1) }

    /// `sqrt(1 - β₂^t) / (sqrt(v) + epsilon)` (AMSGrad: of v's maximum) — `1 / (sqrt(v̂) + ε')`
    /// with Keras's epsilon outside the uncorrected root.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? {
        let correction = (1 - pow(beta2, Double(t))).squareRoot()
        return slots[amsgrad ? 2 : 1].map { correction / ($0.squareRoot() + epsilon) }
    }
}

/// A step `-scale * m` whose first moment `m = beta1 * m_old + (1 - beta1) * g` is drawn as its
/// two shares: the momentum carried and the new gradient's.
struct MomentSplit {
    let beta1: Double, scale: [Double], state: StepState

    var arrows: [InternalArrow] {
        [.part("momentum", scale.times(state.slotsBefore[0]).scaled(-beta1)),
         .part("gradient", scale.times(state.gradient).scaled(-(1 - beta1)))]
    }
}
