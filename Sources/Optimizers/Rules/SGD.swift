/// Stochastic gradient descent, optionally with (Nesterov) momentum — Keras 3 `SGD`.
///
/// Plain: `theta -= lr*g`. With momentum `mu`: `m = mu*m - lr*g`, then
/// `theta += m`, or with Nesterov `theta += mu*m - lr*g` (using the new `m`).
public struct SGD: UpdateRule {
    public static let name = "sgd", className = "SGD", summary = "plain steps down the gradient; momentum and Nesterov optional"
    public static let defaultLearningRate = 0.01
    public static let parameters: [RuleParameter<SGD>] = [.decay("momentum", \.momentum), .flag("nesterov", \.nesterov)]

    /// `mu`: how much of the previous velocity is kept, in [0, 1). 0 is plain SGD.
    public var momentum = 0.0
    /// Take the gradient step from the look-ahead point (Nesterov accelerated gradient).
    public var nesterov = false

    /// Keras defaults: `momentum=0.0, nesterov=False`.
    public init() {}

    public func slots(for shape: [Int]) -> [Slot] { momentum == 0 ? [] : [.zeros(shape.reduce(1, *))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), theta = x.parameters, g = x.gradients
        guard momentum != 0 else {
            for i in 0..<theta.count { theta[i] -= lr * g[i] }
            return
        }
        let mu = S(momentum), m = x.slots[0]
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

extension SGD {
    /// The gradient step, and with momentum the velocity it carries (Nesterov: the new velocity's look-ahead).
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let gradientStep = state.gradient.scaled(-step.learningRate)
        guard momentum != 0 else { return RuleInternals(arrows: [.part("gradient step", gradientStep)]) }
        let carried = (nesterov ? state.slotsAfter[0] : state.slotsBefore[0]).scaled(momentum)
        return RuleInternals(arrows: [.part(nesterov ? "look-ahead momentum" : "momentum", carried), .part("gradient step", gradientStep),
                                      .state("velocity", state.slotsAfter[0])],
                             slots: [("velocity", state.slotsAfter[0])])
    }

    /// `2` without momentum, `2 + 2μ` with it, `(2 + 2μ) / (1 + 2μ)` with Nesterov's.
    public var stabilityLimit: Double? { nesterov ? (2 + 2 * momentum) / (1 + 2 * momentum) : 2 + 2 * momentum }
}
