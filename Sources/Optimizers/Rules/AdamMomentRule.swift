/// Adam's three numbers, as Keras names them: `beta_1`, `beta_2`, `epsilon`.
public struct AdamMoments: Hashable, Sendable {
    /// Decay of the first moment, in [0, 1).
    public var beta1: Double
    /// Decay of the second moment (Adamax: of the largest gradient), in [0, 1).
    public var beta2: Double
    /// Added to the denominator, >= 0.
    public var epsilon: Double

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}

/// A rule with Adam's three numbers at Keras's defaults and two slots of the variable's size
/// (Adamax, Nadam, Lamb): their description, reading and writing, said once.
public protocol AdamMomentRule: UpdateRule {
    var moments: AdamMoments { get }
    init(moments: AdamMoments)
}

extension AdamMomentRule {
    public static var hyperparameters: [Hyperparameter] { [.decay("beta_1", 0.9), .decay("beta_2", 0.999), .epsilon(1e-7)] }

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.init(moments: AdamMoments(beta1: beta1, beta2: beta2, epsilon: epsilon))
    }

    public init(values v: HyperparameterValues) { self.init(beta1: v["beta_1"]!, beta2: v["beta_2"]!, epsilon: v["epsilon"]!) }
    public var values: HyperparameterValues { ["beta_1": beta1, "beta_2": beta2, "epsilon": epsilon] }
    public var beta1: Double { moments.beta1 }
    public var beta2: Double { moments.beta2 }
    public var epsilon: Double { moments.epsilon }

    /// Slots: the first moment `m` and the second (Adamax: the decayed largest gradient `u`).
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *)), .zeros(shape.reduce(1, *))] }
}
