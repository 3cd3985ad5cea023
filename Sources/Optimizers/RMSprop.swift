/// RMSprop — Keras 3 `RMSprop`.
///
/// `v = rho*v + (1-rho)*g*g`; `step = lr*g / sqrt(v + eps)` (epsilon *inside* the root).
/// Centered: the root is taken of `v - avg_g^2 + eps`, with `avg_g = rho*avg_g + (1-rho)*g`.
/// With momentum: `mom = momentum*mom + step; theta -= mom`, else `theta -= step`.
public struct RMSprop: UpdateRule {
    public var learningRate: Double
    /// Decay of the squared-gradient average, in [0, 1).
    public var rho: Double
    /// Momentum on the scaled step, in [0, 1). 0 turns it off.
    public var momentum: Double
    /// Added to the average under the root, >= 0.
    public var epsilon: Double
    /// Normalise by the estimated variance instead of the raw second moment.
    public var centered: Bool

    /// Keras defaults: `learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False`.
    public init(learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0,
                epsilon: Double = 1e-7, centered: Bool = false) {
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
    }

    public func validate() throws {
        try Check.nonNegative("learning rate", learningRate)
        try Check.decay("rho", rho)
        try Check.decay("momentum", momentum)
        try Check.nonNegative("epsilon", epsilon)
    }

    /// Slot 0 the velocity; then the momentum buffer and the gradient average when enabled.
    public var slotInitialValues: [Double] { [0] + (momentum > 0 ? [0] : []) + (centered ? [0] : []) }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters theta: UnsafeMutableBufferPointer<S>,
        gradients g: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        let lr = S(learningRate), rho = S(rho), eps = S(epsilon), mu = S(momentum)
        let v = slots[0]
        if momentum == 0 && !centered {
            // The default, kept as a tight loop of its own.
            for i in 0..<theta.count {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                theta[i] -= lr * g[i] / S.root(v[i] + eps)
            }
            return
        }
        let mom: UnsafeMutableBufferPointer<S>? = momentum > 0 ? slots[1] : nil
        let avg: UnsafeMutableBufferPointer<S>? = centered ? slots[slots.count - 1] : nil
        for i in 0..<theta.count {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
            var denominator = v[i]
            if let avg {
                avg[i] = rho * avg[i] + (1 - rho) * g[i]
                denominator -= avg[i] * avg[i]
            }
            let increment = lr * g[i] / S.root(denominator + eps)
            if let mom {
                mom[i] = mu * mom[i] + increment
                theta[i] -= mom[i]
            } else {
                theta[i] -= increment
            }
        }
    }
}
