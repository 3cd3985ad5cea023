/// A rule with Adam's three numbers — `beta_1`, `beta_2`, `epsilon`, at Keras's 0.9, 0.999 and
/// 1e-7 — and two slots of the variable's size (Adamax, Nadam, Lamb): their description,
/// reading and writing, said once.
public protocol AdamMomentRule: UpdateRule {
    /// Decay of the first moment, in [0, 1).
    var beta1: Double { get }
    /// Decay of the second moment (Adamax: of the largest gradient), in [0, 1).
    var beta2: Double { get }
    /// Added to the denominator, >= 0.
    var epsilon: Double { get }
    init(beta1: Double, beta2: Double, epsilon: Double)
}

extension AdamMomentRule {
    public static var hyperparameters: [Hyperparameter] { [.decay("beta_1", 0.9), .decay("beta_2", 0.999), .epsilon(1e-7)] }
    public init(values v: HyperparameterValues) { self.init(beta1: v["beta_1"]!, beta2: v["beta_2"]!, epsilon: v["epsilon"]!) }
    public var values: HyperparameterValues { ["beta_1": beta1, "beta_2": beta2, "epsilon": epsilon] }
    /// Slots: the first moment `m` and the second (Adamax: the decayed largest gradient `u`).
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *)), .zeros(shape.reduce(1, *))] }
}
