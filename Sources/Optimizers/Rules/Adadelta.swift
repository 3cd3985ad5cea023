/// Adadelta — Keras 3 `Adadelta`.
///
/// `Eg = rho*Eg + (1-rho)*g*g`; `d = -sqrt(Ed + eps) / sqrt(Eg + eps) * g`;
/// `Ed = rho*Ed + (1-rho)*d*d`; `theta += lr*d`. Both accumulators start at 0.
public struct Adadelta: UpdateRule {
    public static let name = "adadelta", className = "Adadelta", summary = "steps scaled by past steps over past gradients"
    public static let defaultLearningRate = 0.001
    public static var hyperparameters: [Hyperparameter] { [.decay("rho", 0.95), .epsilon(1e-7)] }

    /// Decay of both running averages, in [0, 1).
    public var rho: Double
    /// Added under both roots, >= 0; it sets the size of the very first steps.
    public var epsilon: Double

    /// Keras defaults: `rho=0.95, epsilon=1e-7`.
    public init(rho: Double = 0.95, epsilon: Double = 1e-7) {
        self.rho = rho
        self.epsilon = epsilon
    }

    public init(values v: HyperparameterValues) { self.init(rho: v["rho"]!, epsilon: v["epsilon"]!) }
    public var values: HyperparameterValues { ["rho": rho, "epsilon": epsilon] }

    /// Slots: the squared-gradient average `Eg`, the squared-update average `Ed`.
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *)), .zeros(shape.reduce(1, *))] }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let lr = S(step.learningRate), rho = S(rho), eps = S(epsilon), theta = x.parameters, g = x.gradients
        let eg = x.slots[0], ed = x.slots[1]
        for i in 0..<theta.count {
            eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i]
            let d = -S.root(ed[i] + eps) / S.root(eg[i] + eps) * g[i]
            ed[i] = rho * ed[i] + (1 - rho) * d * d
            theta[i] += lr * d
        }
    }
}
