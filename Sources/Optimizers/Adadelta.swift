/// Adadelta — Keras 3 `Adadelta`.
///
/// `Eg = rho*Eg + (1-rho)*g*g`; `d = -sqrt(Ed + eps) / sqrt(Eg + eps) * g`;
/// `Ed = rho*Ed + (1-rho)*d*d`; `theta += lr*d`. Both accumulators start at 0.
public struct Adadelta: UpdateRule {
    public var learningRate: Double
    /// Decay of both running averages, in [0, 1).
    public var rho: Double
    /// Added under both roots, >= 0; it sets the size of the very first steps.
    public var epsilon: Double

    /// Keras defaults: `learning_rate=0.001, rho=0.95, epsilon=1e-7`.
    public init(learningRate: Double = 0.001, rho: Double = 0.95, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
    }

    public func validate() throws {
        try Check.nonNegative("learning rate", learningRate)
        try Check.decay("rho", rho)
        try Check.nonNegative("epsilon", epsilon)
    }

    /// Slots: the squared-gradient average `Eg`, the squared-update average `Ed`.
    public var slotInitialValues: [Double] { [0, 0] }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters theta: UnsafeMutableBufferPointer<S>,
        gradients g: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        let lr = S(learningRate), rho = S(rho), eps = S(epsilon)
        let eg = slots[0], ed = slots[1]
        for i in 0..<theta.count {
            eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i]
            let d = -S.root(ed[i] + eps) / S.root(eg[i] + eps) * g[i]
            ed[i] = rho * ed[i] + (1 - rho) * d * d
            theta[i] += lr * d
        }
    }
}
