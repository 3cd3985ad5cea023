/// Muon — Keras 3 `Muon`: momentum orthogonalised by a Newton–Schulz iteration for every
/// matrix, AdamW for every other variable.
///
/// A matrix (rank 2): `m = momentum*m + g`; `u = g + momentum*m` (Nesterov) or `m`;
/// `theta -= lr * NS5(u) * sqrt(max(rows, cols)) * rms_rate`, where NS5 scales `u` to unit
/// Frobenius norm and runs `ns_steps` of `X = a*X + (b*A + c*A*A)*X`, `A = X*X^T`.
/// Any other variable — a 2D point, a bias — takes Adam's step at `lr * adam_lr_ratio` with
/// `adam_beta_1`, `adam_beta_2`, and decays by `adam_weight_decay` instead of `weight_decay`.
/// So on a 2D surface Muon *is* AdamW with these betas.
public struct Muon: UpdateRule {
    public static let name = "muon", className = "Muon"
    public static let summary = "orthogonalised momentum for matrices; AdamW for everything else, a 2D point included"
    public static let defaultLearningRate = 0.001
    public static let defaultWeightDecay: Double? = 0.004
    public static let parameters: [RuleParameter<Muon>] = [
        .decay("adam_beta_1", \.adamBeta1), .decay("adam_beta_2", \.adamBeta2),
        .real("adam_weight_decay", \.adamWeightDecay, from: 0, slider: 0...0.1), .epsilon(\.epsilon),
        .real("muon_a", \.a, slider: 0...5), .real("muon_b", \.b, slider: -6...0), .real("muon_c", \.c, slider: 0...5),
        .real("adam_lr_ratio", \.adamLearningRateRatio, from: 0, slider: 0...2), .decay("momentum", \.momentum),
        .integer("ns_steps", \.newtonSchulzSteps, from: 0, to: 20), .flag("nesterov", \.nesterov),
        .real("rms_rate", \.rmsRate, from: 0, slider: 0...1),
    ]
    public static let isElementwise = false
    public static let multipliesMatrices = true

    /// Adam's decays and weight decay for the variables that are not matrices; epsilon for both.
    public var adamBeta1 = 0.9, adamBeta2 = 0.999, adamWeightDecay = 0.004, epsilon = 1e-7
    /// The Newton–Schulz polynomial's coefficients.
    public var a = 3.4445, b = -4.7750, c = 2.0315
    /// Adam's learning rate relative to the optimizer's.
    public var adamLearningRateRatio = 1.0
    /// The matrices' momentum, in [0, 1).
    public var momentum = 0.95
    /// Newton–Schulz iterations.
    public var newtonSchulzSteps = 5
    /// Orthogonalise the Nesterov look-ahead instead of the momentum.
    public var nesterov = true
    /// The step's root-mean-square per unit learning rate.
    public var rmsRate = 0.2

    /// Keras defaults.
    public init() {}

    /// Slots: the momentum `m` (every variable), Adam's velocity `v` (all but matrices).
    public func slots(for shape: [Int]) -> [Slot] {
        let n = shape.reduce(1, *)
        return [.zeros(n), .zeros(shape.count == 2 ? 0 : n)]
    }

    /// `weight_decay` for matrices, `adam_weight_decay` for every other variable.
    public func weightDecay(_ base: Double?, shape: [Int]) -> Double? { shape.count == 2 ? base : adamWeightDecay }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        guard x.shape.count == 2 else {
            let adam = AdamStep(beta1: adamBeta1, beta2: adamBeta2, epsilon: epsilon, amsgrad: false)
            return adam.apply(step.t, learningRate: step.learningRate * adamLearningRateRatio, x)
        }
        let n = x.count, mu = S(momentum), m = x.slots[0], g = x.gradients
        let direction = UnsafeMutableBufferPointer<S>.allocate(capacity: n)
        defer { direction.deallocate() }
        for i in 0..<n {
            m[i] += g[i] + m[i] * (mu - 1)
            direction[i] = nesterov ? g[i] + mu * m[i] : m[i]
        }
        NewtonSchulz(a: a, b: b, c: c, steps: newtonSchulzSteps)
            .orthogonalise(direction, rows: x.shape[0], columns: x.shape[1], multiply: x.multiply)
        let scale = S(step.learningRate * Double(max(x.shape[0], x.shape[1])).squareRoot() * rmsRate)
        for i in 0..<n { x.parameters[i] -= scale * direction[i] }
    }
}

extension Muon {
    /// On a point (a vector, not a matrix) Muon steps as Adam at `adam_lr_ratio` times the rate.
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let adam = Adam().with(\.beta1, adamBeta1).with(\.beta2, adamBeta2).with(\.epsilon, epsilon)
        return adam.internals(StepContext(t: step.t, learningRate: step.learningRate * adamLearningRateRatio, carried: step.carried), state)
    }
}
