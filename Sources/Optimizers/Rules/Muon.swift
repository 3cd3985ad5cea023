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
    public static var hyperparameters: [Hyperparameter] {
        [.decay("adam_beta_1", 0.9), .decay("adam_beta_2", 0.999), .real("adam_weight_decay", 0.004, from: 0, slider: 0...0.1),
         .epsilon(1e-7), .real("muon_a", 3.4445, slider: 0...5), .real("muon_b", -4.7750, slider: -6...0),
         .real("muon_c", 2.0315, slider: 0...5), .real("adam_lr_ratio", 1, from: 0, slider: 0...2), .decay("momentum", 0.95),
         .integer("ns_steps", 5, from: 0, to: 20), .flag("nesterov", true), .real("rms_rate", 0.2, from: 0, slider: 0...1)]
    }
    public static let isElementwise = false
    public static let multipliesMatrices = true

    public var adamBeta1: Double, adamBeta2: Double, adamWeightDecay: Double, epsilon: Double
    public var a: Double, b: Double, c: Double, adamLearningRateRatio: Double
    public var momentum: Double, newtonSchulzSteps: Int, nesterov: Bool, rmsRate: Double

    public init(values v: HyperparameterValues) {
        adamBeta1 = v["adam_beta_1"]!
        adamBeta2 = v["adam_beta_2"]!
        adamWeightDecay = v["adam_weight_decay"]!
        epsilon = v["epsilon"]!
        a = v["muon_a"]!
        b = v["muon_b"]!
        c = v["muon_c"]!
        adamLearningRateRatio = v["adam_lr_ratio"]!
        momentum = v["momentum"]!
        newtonSchulzSteps = Int(v["ns_steps"]!)
        nesterov = v["nesterov"]! != 0
        rmsRate = v["rms_rate"]!
    }

    public var values: HyperparameterValues {
        ["adam_beta_1": adamBeta1, "adam_beta_2": adamBeta2, "adam_weight_decay": adamWeightDecay, "epsilon": epsilon,
         "muon_a": a, "muon_b": b, "muon_c": c, "adam_lr_ratio": adamLearningRateRatio, "momentum": momentum,
         "ns_steps": Double(newtonSchulzSteps), "nesterov": nesterov ? 1 : 0, "rms_rate": rmsRate]
    }

    /// Slots: the momentum `m` (every variable), Adam's velocity `v` (all but matrices).
    public func slots(for shape: [Int]) -> [Slot] {
        let n = shape.reduce(1, *)
        return [.zeros(n), .zeros(shape.count == 2 ? 0 : n)]
    }

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
