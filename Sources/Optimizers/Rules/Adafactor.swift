import Foundation

/// Adafactor — Keras 3 `Adafactor`: a second moment kept as row and column averages for a
/// matrix, a step relative to the variable's size.
///
/// `rho = min(lr, 1/sqrt(t))`, `alpha = max(eps_2, rms(theta)) * rho`, `b2 = 1 - t^beta_2_decay`,
/// `q = g*g + eps_1`. A matrix (rank 2) keeps `r = b2*r + (1-b2)*mean_cols(q)` and
/// `c = b2*c + (1-b2)*mean_rows(q)`, and `v = r_i/mean(r) * c_j`; any other variable
/// `v = b2*v + (1-b2)*q`. Then `u = g/sqrt(v)`, `u /= max(1, rms(u)/clip_threshold)`, `theta -= alpha*u`.
/// (Keras takes `min(lr, 1/sqrt(t))` whether or not `relative_step` is set, so the flag
/// changes nothing here either.) Like Keras's, the factored `v` underflows to 0 in float32 where a
/// whole row and a whole column of a matrix's gradient are 0, and `0/sqrt(0)` turns the variable
/// into NaN: on the seed's MLP, Fashion-MNIST's always-black border pixels and a dead ReLU do it
/// at the first step (see the README).
public struct Adafactor: UpdateRule {
    public static let name = "adafactor", className = "Adafactor", summary = "factored second moment, steps relative to the variable's size"
    public static let defaultLearningRate = 0.001
    public static let parameters: [RuleParameter<Adafactor>] = [
        .real("beta_2_decay", \.beta2Decay, below: 0, slider: -1...(-0.1)), .epsilon(\.epsilon1, key: "epsilon_1"),
        .epsilon(\.epsilon2, key: "epsilon_2"), .real("clip_threshold", \.clipThreshold, above: 0, slider: 0.1...10, scale: .log),
        .flag("relative_step", \.relativeStep),
    ]
    public static let isElementwise = false

    /// The second moment's decay exponent: `b2 = 1 - t^beta_2_decay`, < 0.
    public var beta2Decay = -0.8
    /// Added to the squared gradient (`epsilon_1`) and the least step scale (`epsilon_2`), >= 0.
    public var epsilon1 = 1e-30, epsilon2 = 1e-3
    /// The largest root mean square of a step before it is scaled down, > 0.
    public var clipThreshold = 1.0
    /// Keras's flag; its step is relative either way (see above).
    public var relativeStep = true

    /// Keras defaults: `beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3, clip_threshold=1.0, relative_step=True`.
    public init() {}

    /// Slots: the row averages `r` and column averages `c` (a matrix only), the second moment `v`.
    public func slots(for shape: [Int]) -> [Slot] {
        let factored = shape.count == 2
        return [.zeros(factored ? shape[0] : 0), .zeros(factored ? shape[1] : 0), .zeros(shape.reduce(1, *))]
    }

    @inlinable
    public func apply<S: OptimizerScalar>(_ step: StepContext, _ x: VariableStep<S>) {
        let t = Double(step.t), n = x.count
        let theta = x.parameters, g = x.gradients, r = x.slots[0], c = x.slots[1], v = x.slots[2]
        let rho = min(step.learningRate, 1 / t.squareRoot())
        let alpha = S(max(epsilon2, Self.rms(UnsafeBufferPointer(theta))) * rho)
        let b2 = S(1 - pow(t, beta2Decay)), eps1 = S(epsilon1)
        if x.shape.count == 2 {
            let rows = x.shape[0], columns = x.shape[1]
            for i in 0..<rows {
                var sum: S = 0
                for j in 0..<columns { sum += g[i * columns + j] * g[i * columns + j] + eps1 }
                r[i] = b2 * r[i] + (1 - b2) * (sum / S(columns))
            }
            for j in 0..<columns { c[j] *= b2 }
            for i in 0..<rows {
                for j in 0..<columns { c[j] += (1 - b2) * (g[i * columns + j] * g[i * columns + j] + eps1) / S(rows) }
            }
            var rSum: S = 0
            for i in 0..<rows { rSum += r[i] }
            let rMean = rSum / S(rows)
            for i in 0..<rows {
                for j in 0..<columns { v[i * columns + j] = r[i] / rMean * c[j] }
            }
        } else {
            for i in 0..<n { v[i] = b2 * v[i] + (1 - b2) * (g[i] * g[i] + eps1) }
        }
        var squares = 0.0
        for i in 0..<n {
            let u = g[i] / S.root(v[i])
            squares += Double(u * u)
        }
        // A NaN spreads to the whole variable, as Keras's ops.maximum spreads it (Swift's max would drop it).
        let rmsU = (squares / Double(n)).squareRoot()
        let clip = S(rmsU.isNaN ? .nan : max(1, rmsU / clipThreshold))
        for i in 0..<n { theta[i] -= alpha * (g[i] / S.root(v[i]) / clip) }
    }

    /// The root mean square of `values`.
    @inlinable
    static func rms<S: OptimizerScalar>(_ values: UnsafeBufferPointer<S>) -> Double {
        var squares = 0.0
        for value in values { squares += Double(value * value) }
        return (squares / Double(values.count)).squareRoot()
    }
}

extension Adafactor {
    /// The gradient over the root of its running square, clipped to an RMS of the threshold,
    /// at a step size relative to the parameters' RMS (a point's second moment is not factored).
    public func internals(_ step: StepContext, _ state: StepState) -> RuleInternals {
        let t = Double(step.t), v = state.slotsAfter[2], g = state.gradient
        let rms = (state.before.reduce(0) { $0 + $1 * $1 } / Double(state.before.count)).squareRoot()
        let alpha = max(epsilon2, rms) * min(step.learningRate, 1 / t.squareRoot())
        let u = g.indices.map { g[$0] / v[$0].squareRoot() }
        let rmsU = (u.reduce(0) { $0 + $1 * $1 } / Double(u.count)).squareRoot()
        let clip = rmsU.isNaN ? .nan : max(1, rmsU / clipThreshold)
        let scale = v.map { alpha / ($0.squareRoot() * clip) }
        return RuleInternals(arrows: [.part("scaled step", scale.times(g).scaled(-1))], scale: scale,
                             numbers: [("relative step size", alpha), ("clipping divisor", clip)], slots: [("second moment", v)])
    }
}
