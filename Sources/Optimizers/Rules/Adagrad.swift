/// Adagrad — Keras 3 `Adagrad`.
///
/// `a += g*g` (a starts at `initial_accumulator_value`); `theta -= lr*g / sqrt(a + eps)`.
/// Epsilon sits *inside* the square root.
public struct Adagrad: UpdateRule {
    public static let name = "adagrad", className = "Adagrad", summary = "steps shrink with each parameter's summed squared gradients"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<Adagrad>] = [
        .real("initial_accumulator_value", \.initialAccumulatorValue, from: 0, slider: 0...1), .epsilon(\.epsilon),
    ]

    /// Starting value of the squared-gradient accumulator, >= 0.
    public var initialAccumulatorValue = 0.1
    /// Added to the accumulator under the root, >= 0.
    public var epsilon = 1e-7

    /// Keras defaults: `initial_accumulator_value=0.1, epsilon=1e-7`.
    public init() {}

    public func slots(for shape: [Int]) -> [Slot] { [Slot(count: shape.reduce(1, *), start: .value(initialAccumulatorValue))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), eps = S(epsilon), theta = x.parameters, g = x.gradients, a = x.slots[0]
        for i in 0..<theta.count {
            a[i] += g[i] * g[i]
            theta[i] -= lr * g[i] / S.root(a[i] + eps)
        }
    }
}

extension Adagrad {
    /// The gradient scaled per coordinate by the root of its summed squares.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let scale = inversePreconditioner(at: step.t, slots: state.slotsAfter)!.scaled(step.learningRate)
        return RuleInternals(arrows: [.part("scaled step", scale.times(state.gradient).scaled(-1))], scale: scale,
                             slots: [("accumulator", state.slotsAfter[0])])
    }

    /// Gradient descent's: the accumulator changes slowly enough to be held fixed.
    public var stabilityLimit: Double? { 2 }

    /// `1 / sqrt(accumulator + epsilon)`.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? { slots[0].map { 1 / ($0 + epsilon).squareRoot() } }
}
