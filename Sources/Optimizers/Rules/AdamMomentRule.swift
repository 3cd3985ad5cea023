/// Adam's three numbers, as Keras names them: `beta_1`, `beta_2`, `epsilon`, at Keras's defaults.
public struct AdamMoments: Hashable, Sendable {
    /// Decay of the first moment, in [0, 1).
    public var beta1 = 0.9
    /// Decay of the second moment (Adamax: of the largest gradient), in [0, 1).
    public var beta2 = 0.999
    /// Added to the denominator, >= 0.
    public var epsilon = 1e-7

    /// Keras defaults: `beta_1=0.9, beta_2=0.999, epsilon=1e-7`.
    public init() {}
}

/// A rule with Adam's three numbers at Keras's defaults and two slots of the variable's size
/// (Adamax, Nadam, Lamb): their description, reading and writing, said once.
public protocol AdamMomentRule: UpdateRule {
    var moments: AdamMoments { get set }
}

extension AdamMomentRule {
    /// `beta_1`, `beta_2` and `epsilon`, declared once for every rule that keeps Adam's moments.
    public static var parameters: [RuleParameter<Self>] {
        [.decay("beta_1", \.moments.beta1), .decay("beta_2", \.moments.beta2), .epsilon(\.moments.epsilon)]
    }

    /// Decay of the first moment.
    public var beta1: Double { moments.beta1 }
    /// Decay of the second moment (Adamax: of the largest gradient).
    public var beta2: Double { moments.beta2 }
    /// Added to the denominator.
    public var epsilon: Double { moments.epsilon }

    /// Slots: the first moment `m` and the second (Adamax: the decayed largest gradient `u`).
    public func slots(for shape: [Int]) -> [Slot] { [.zeros(shape.reduce(1, *)), .zeros(shape.reduce(1, *))] }
}
