/// RMSprop — Keras 3 `RMSprop`.
///
/// `v = rho*v + (1-rho)*g*g`; `step = lr*g / sqrt(v + eps)` (epsilon *inside* the root).
/// Centered: the root is taken of `v - avg_g^2 + eps`, with `avg_g = rho*avg_g + (1-rho)*g`.
/// With momentum: `mom = momentum*mom + step; theta -= mom`, else `theta -= step`.
public struct RMSprop: UpdateRule {
    public static let name = "rmsprop", className = "RMSprop", summary = "steps scaled by a running average of squared gradients"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<RMSprop>] = [
        .decay("rho", \.rho), .decay("momentum", \.momentum), .epsilon(\.epsilon), .flag("centered", \.centered),
    ]

    /// Decay of the squared-gradient average, in [0, 1).
    public var rho = 0.9
    /// Momentum on the scaled step, in [0, 1). 0 turns it off.
    public var momentum = 0.0
    /// Added to the average under the root, >= 0.
    public var epsilon = 1e-7
    /// Normalise by the estimated variance instead of the raw second moment.
    public var centered = false

    /// Keras defaults: `rho=0.9, momentum=0.0, epsilon=1e-7, centered=False`.
    public init() {}

    /// Slot 0 the velocity; then the momentum buffer and the gradient average when enabled.
    public func slots(for shape: [Int]) -> [Slot] {
        Array(repeating: .zeros(shape.reduce(1, *)), count: 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0))
    }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), rho = S(rho), eps = S(epsilon), mu = S(momentum)
        let theta = x.parameters, g = x.gradients, v = x.slots[0]
        if momentum == 0 && !centered {
            // The default, kept as a tight loop of its own.
            for i in 0..<theta.count {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                theta[i] -= lr * g[i] / S.root(v[i] + eps)
            }
            return
        }
        let mom: UnsafeMutableBufferPointer<S>? = momentum > 0 ? x.slots[1] : nil
        let avg: UnsafeMutableBufferPointer<S>? = centered ? x.slots[x.slots.count - 1] : nil
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

extension RMSprop {
    /// The gradient scaled per coordinate by the root of its running square average (centred:
    /// minus the squared mean), and with momentum the carried part of the increment.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let v = state.slotsAfter[0], average: [Double]? = centered ? state.slotsAfter[state.slotsAfter.count - 1] : nil
        let scale = inversePreconditioner(at: step.t, slots: state.slotsAfter)!.scaled(step.learningRate)
        let increment = scale.times(state.gradient)
        var slots = [("square average", v)]
        if let average { slots.append(("gradient average", average)) }
        guard momentum > 0 else { return RuleInternals(arrows: [.part("scaled step", increment.scaled(-1))], scale: scale, slots: slots) }
        slots.insert(("momentum", state.slotsAfter[1]), at: 1)
        return RuleInternals(arrows: [.part("momentum", state.slotsBefore[1].scaled(-momentum)), .part("scaled step", increment.scaled(-1))],
                             scale: scale, slots: slots)
    }

    /// Gradient descent's `2`, and `2 + 2μ` with (heavy-ball) momentum on the scaled step.
    public var stabilityLimit: Double? { 2 + 2 * momentum }

    /// `1 / sqrt(v + epsilon)`, centred: `1 / sqrt(v - mean² + epsilon)`.
    public func inversePreconditioner(at t: Int, slots: [[Double]]) -> [Double]? {
        let v = slots[0], average: [Double]? = centered ? slots[slots.count - 1] : nil
        return v.indices.map { i in 1 / (v[i] - (average.map { $0[i] * $0[i] } ?? 0) + epsilon).squareRoot() }
    }
}
