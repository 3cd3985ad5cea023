import Foundation

/// Adam — Keras 3 `Adam`.
///
/// `m += (g - m)*(1-b1)`; `v += (g*g - v)*(1-b2)`;
/// `alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)`; `theta -= alpha*m / (sqrt(v) + eps)`.
/// Bias correction is folded into the step size, so epsilon acts *outside* the root on
/// the uncorrected `v` (the textbook form adds it to the corrected root instead).
/// AMSGrad divides by the running maximum of `v` instead of `v`.
public struct Adam: UpdateRule {
    public var learningRate: Double
    /// Decay of the first-moment (mean) estimate, in [0, 1).
    public var beta1: Double
    /// Decay of the second-moment estimate, in [0, 1).
    public var beta2: Double
    /// Added to the root of the second moment, >= 0.
    public var epsilon: Double
    /// Use the AMSGrad variant.
    public var amsgrad: Bool

    /// Keras defaults: `learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False`.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-7, amsgrad: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
    }

    public func validate() throws {
        try Check.nonNegative("learning rate", learningRate)
        try Check.decay("beta1", beta1)
        try Check.decay("beta2", beta2)
        try Check.nonNegative("epsilon", epsilon)
    }

    /// Slots: first moment `m`, second moment `v`, and with AMSGrad the maximum of `v`.
    public var slotInitialValues: [Double] { amsgrad ? [0, 0, 0] : [0, 0] }

    /// The bias-corrected step size of step `t`.
    @inlinable
    public func stepSize(at t: Int) -> Double {
        learningRate * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
    }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters theta: UnsafeMutableBufferPointer<S>,
        gradients g: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        let alpha = S(stepSize(at: t)), eps = S(epsilon)
        let oneMinusB1 = 1 - S(beta1), oneMinusB2 = 1 - S(beta2)
        let m = slots[0], v = slots[1]
        if !amsgrad {
            for i in 0..<theta.count {
                m[i] += (g[i] - m[i]) * oneMinusB1
                v[i] += (g[i] * g[i] - v[i]) * oneMinusB2
                theta[i] -= alpha * m[i] / (S.root(v[i]) + eps)
            }
            return
        }
        let vMax = slots[2]
        for i in 0..<theta.count {
            m[i] += (g[i] - m[i]) * oneMinusB1
            v[i] += (g[i] * g[i] - v[i]) * oneMinusB2
            vMax[i] = max(vMax[i], v[i])
            theta[i] -= alpha * m[i] / (S.root(vMax[i]) + eps)
        }
    }
}
