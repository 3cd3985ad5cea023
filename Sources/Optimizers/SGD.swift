/// Stochastic gradient descent, optionally with (Nesterov) momentum — Keras 3 `SGD`.
///
/// Plain: `theta -= lr*g`. With momentum `mu`: `m = mu*m - lr*g`, then
/// `theta += m`, or with Nesterov `theta += mu*m - lr*g` (using the new `m`).
public struct SGD: UpdateRule {
    public var learningRate: Double
    /// `mu`: how much of the previous velocity is kept, in [0, 1). 0 is plain SGD.
    public var momentum: Double
    /// Take the gradient step from the look-ahead point (Nesterov accelerated gradient).
    public var nesterov: Bool

    /// Keras defaults: `learning_rate=0.01, momentum=0.0, nesterov=False`.
    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func validate() throws {
        try Check.nonNegative("learning rate", learningRate)
        try Check.decay("momentum", momentum)
    }

    public var slotInitialValues: [Double] { momentum == 0 ? [] : [0] }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters theta: UnsafeMutableBufferPointer<S>,
        gradients g: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        let lr = S(learningRate)
        guard momentum != 0 else {
            for i in 0..<theta.count { theta[i] -= lr * g[i] }
            return
        }
        let mu = S(momentum)
        let m = slots[0]
        if nesterov {
            for i in 0..<theta.count {
                m[i] = mu * m[i] - lr * g[i]
                theta[i] += mu * m[i] - lr * g[i]
            }
        } else {
            for i in 0..<theta.count {
                m[i] = mu * m[i] - lr * g[i]
                theta[i] += m[i]
            }
        }
    }
}
