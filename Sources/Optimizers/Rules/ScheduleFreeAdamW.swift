import Foundation

/// Schedule-free AdamW — Keras 3 `ScheduleFreeAdamW` (Defazio et al. 2024): no schedule needed,
/// the point is an interpolation between an averaged iterate and the Adam-stepped one.
///
/// `lr_t = lr * min(t/warmup_steps, 1)`; `v += (g*g - v)*(1-b2)`;
/// `z_new = z - lr_t*g / (sqrt(v / (1 - b2^t)) + eps)` (z starts at theta);
/// `x = (theta - (1-b1)*z) / b1`, `x = (1 - 1/t)*x + z_new/t`; `theta = (1-b1)*z_new + b1*x`.
public struct ScheduleFreeAdamW: UpdateRule {
    public static let name = "schedule_free_adamw", className = "ScheduleFreeAdamW"
    public static let summary = "AdamW without a schedule: an average of the iterates, interpolated"
    public static let defaultLearningRate = 0.0025
    // beta_1 = 0 divides by zero in Keras's step: refused here.
    public static let parameters: [RuleParameter<ScheduleFreeAdamW>] = [
        .real("beta_1", \.beta1, above: 0, below: 1, slider: 0.01...0.9999), .decay("beta_2", \.beta2),
        .epsilon(\.epsilon), .integer("warmup_steps", \.warmupSteps, from: 0, to: 1_000_000),
    ]

    /// Interpolation between the average and `z`, in (0, 1).
    public var beta1 = 0.9
    /// Decay of the second moment, in [0, 1).
    public var beta2 = 0.999
    /// Added to the root of the second moment, >= 0.
    public var epsilon = 1e-8
    /// Steps of the learning rate's linear warm-up (0: none).
    public var warmupSteps = 0

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-8, warmup_steps=0`.
    public init() {}

    /// Slots: `z` (starting at the variable), the velocity `v`.
    public func slots(for shape: [Int]) -> [Slot] { [Slot(count: shape.reduce(1, *), start: .parameters), .zeros(shape.reduce(1, *))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let t = Double(step.t)
        let warmup = warmupSteps > 0 ? min(t / Double(warmupSteps), 1) : 1
        let lr = S(step.learningRate * warmup), b1 = S(beta1), b2 = S(beta2), eps = S(epsilon)
        // Divisions by constants as products with their reciprocals (see Nadam).
        let velocityScale = S(1 / (1 - pow(beta2, t))), weight = S(1 / t), inverseB1 = S(1 / beta1)
        let theta = x.parameters, g = x.gradients, z = x.slots[0], v = x.slots[1]
        for i in 0..<theta.count {
            v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
            let zOld = z[i]
            z[i] -= lr * g[i] / (S.root(v[i] * velocityScale) + eps)
            let xOld = (theta[i] - (1 - b1) * zOld) * inverseB1
            let xNew = (1 - weight) * xOld + weight * z[i]
            theta[i] = (1 - b1) * z[i] + b1 * xNew
        }
    }
}

extension ScheduleFreeAdamW {
    /// The parameters interpolate between `z`, which takes Adam-scaled gradient steps, and `x`,
    /// the running average of the `z`s: the move is `(1 - beta_1)` of z's step plus `beta_1` of x's.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let t = Double(step.t), warmup = warmupSteps > 0 ? min(t / Double(warmupSteps), 1) : 1
        let velocityScale = 1 / (1 - pow(beta2, t)), weight = 1 / t
        let zOld = state.slotsBefore[0], zNew = state.slotsAfter[0], v = state.slotsAfter[1]
        let xOld = zOld.indices.map { (state.before[$0] - (1 - beta1) * zOld[$0]) / beta1 }
        let xNew = xOld.indices.map { (1 - weight) * xOld[$0] + weight * zNew[$0] }
        let scale = v.map { step.learningRate * warmup / (($0 * velocityScale).squareRoot() + epsilon) }
        return RuleInternals(arrows: [.part("z's step", zNew.minus(zOld).scaled(1 - beta1)), .part("average's move", xNew.minus(xOld).scaled(beta1))],
                             scale: scale, points: [("z", zNew), ("x", xNew)], slots: [("z", zNew), ("second moment", v)])
    }
}
