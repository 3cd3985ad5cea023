/// Adagrad — Keras 3 `Adagrad`.
///
/// `a += g*g` (a starts at `initialAccumulatorValue`); `theta -= lr*g / sqrt(a + eps)`.
/// Epsilon sits *inside* the square root.
public struct Adagrad: UpdateRule {
    public var learningRate: Double
    /// Starting value of the squared-gradient accumulator, >= 0.
    public var initialAccumulatorValue: Double
    /// Added to the accumulator under the root, >= 0.
    public var epsilon: Double

    /// Keras defaults: `learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7`.
    public init(learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    public func validate() throws {
        try Check.nonNegative("learning rate", learningRate)
        try Check.nonNegative("initial accumulator value", initialAccumulatorValue)
        try Check.nonNegative("epsilon", epsilon)
    }

    public var slotInitialValues: [Double] { [initialAccumulatorValue] }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters theta: UnsafeMutableBufferPointer<S>,
        gradients g: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        let lr = S(learningRate), eps = S(epsilon)
        let a = slots[0]
        for i in 0..<theta.count {
            a[i] += g[i] * g[i]
            theta[i] -= lr * g[i] / S.root(a[i] + eps)
        }
    }
}
