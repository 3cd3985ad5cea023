/// FTRL-Proximal — Keras 3 `Ftrl` (McMahan et al. 2013), with L1, L2 and shrinkage.
///
/// `n_new = n + g*g`, `sigma = (n_new^-p - n^-p) / lr` (p = `learning_rate_power`);
/// `z += g + 2*l2_shrinkage*theta - sigma*theta`;
/// `theta = (clip(z, -l1, l1) - z) / (n_new^-p / lr + 2*(l2 + beta/(2*lr)))`; `n = n_new`.
public struct Ftrl: UpdateRule {
    public static let name = "ftrl", className = "Ftrl", summary = "follow-the-regularised-leader; L1 holds small weights at exactly 0"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<Ftrl>] = [
        .real("learning_rate_power", \.learningRatePower, to: 0, slider: -1...0),
        .real("initial_accumulator_value", \.initialAccumulatorValue, from: 0, slider: 0...1),
        .real("l1_regularization_strength", \.l1, from: 0, slider: 0...1),
        .real("l2_regularization_strength", \.l2, from: 0, slider: 0...1),
        .real("l2_shrinkage_regularization_strength", \.l2Shrinkage, from: 0, slider: 0...1),
        .real("beta", \.beta, from: 0, slider: 0...1),
    ]

    /// `p` of the accumulator's power `n^-p`, <= 0 (-0.5: Adagrad-like).
    public var learningRatePower = -0.5
    /// Starting value of the accumulator `n`, >= 0.
    public var initialAccumulatorValue = 0.1
    /// L1, L2 and L2-shrinkage regularisation strengths, >= 0.
    public var l1 = 0.0, l2 = 0.0, l2Shrinkage = 0.0
    /// Added to the accumulator's root in the denominator, >= 0.
    public var beta = 0.0

    /// Keras defaults: `learning_rate_power=-0.5, initial_accumulator_value=0.1`, no regularisation, `beta=0`.
    public init() {}

    /// Slots: the accumulator `n` (from `initial_accumulator_value`), the linear term `z`.
    public func slots(for shape: [Int]) -> [Slot] {
        [Slot(count: shape.reduce(1, *), start: .value(initialAccumulatorValue)), .zeros(shape.reduce(1, *))]
    }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        // Divisions by the rate as products with its reciprocal (see Nadam).
        let inverseRate = S(1 / step.learningRate), power = S(-learningRatePower), l1 = S(l1)
        let l2 = S(l2 + beta / (2 * step.learningRate)), shrinkage = S(2 * l2Shrinkage)
        let theta = x.parameters, g = x.gradients, n = x.slots[0], z = x.slots[1]
        if learningRatePower == -0.5 {
            // Keras's default power: n^0.5 is a root, which vectorises where pow does not.
            for i in 0..<theta.count {
                let newN = n[i] + g[i] * g[i]
                let newPower = S.root(newN)
                z[i] += g[i] + shrinkage * theta[i] - (newPower - S.root(n[i])) * inverseRate * theta[i]
                theta[i] = (min(max(z[i], -l1), l1) - z[i]) / (newPower * inverseRate + 2 * l2)
                n[i] = newN
            }
            return
        }
        for i in 0..<theta.count {
            let newN = n[i] + g[i] * g[i]
            let newPower = S.power(newN, power)
            z[i] += g[i] + shrinkage * theta[i] - (newPower - S.power(n[i], power)) * inverseRate * theta[i]
            let quadratic = newPower * inverseRate + 2 * l2
            theta[i] = (min(max(z[i], -l1), l1) - z[i]) / quadratic
            n[i] = newN
        }
    }
}

extension Ftrl {
    /// The proximal step to the weights the accumulated linear term `z` and squared gradients `n`
    /// now imply (L1 holds a weight at 0 while |z| <= l1).
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let n = state.slotsAfter[0], z = state.slotsAfter[1], l2Total = l2 + beta / (2 * step.learningRate)
        let scale = n.map { 1 / ((learningRatePower == -0.5 ? Double.root($0) : Double.power($0, -learningRatePower)) / step.learningRate + 2 * l2Total) }
        let target = z.indices.map { (min(max(z[$0], -l1), l1) - z[$0]) * scale[$0] }
        return RuleInternals(arrows: [.part("proximal step", target.minus(state.before))], scale: scale,
                             slots: [("accumulator", n), ("linear", z)])
    }
}
