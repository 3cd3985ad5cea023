import Foundation

/// Keras 3's six learning-rate schedules (`keras.optimizers.schedules`), evaluated at the
/// optimizer's step count (0 at the first step), with Keras's argument names in their doc.
public enum LearningRateSchedule: Hashable, Sendable {
    /// `lr0 * rate^(step/decay_steps)`, the exponent floored with `staircase`.
    case exponentialDecay(initialLearningRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool)
    /// `values[0]` up to and including `boundaries[0]`, `values[1]` up to `boundaries[1]`, …, the last value after.
    case piecewiseConstantDecay(boundaries: [Double], values: [Double])
    /// `(lr0 - end) * (1 - step/decay_steps)^power + end`, with `step` capped at `decay_steps`,
    /// or with `cycle` `decay_steps` stretched to the next multiple past `step`.
    case polynomialDecay(initialLearningRate: Double, decaySteps: Double, endLearningRate: Double, power: Double, cycle: Bool)
    /// `lr0 / (1 + rate * step/decay_steps)`, the ratio floored with `staircase`.
    case inverseTimeDecay(initialLearningRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool)
    /// Optionally a linear warm-up from `lr0` to `warmup_target` over `warmup_steps`, then a
    /// cosine from there down to `alpha` times it over `decay_steps`, held after.
    case cosineDecay(initialLearningRate: Double, decaySteps: Double, alpha: Double, warmupTarget: Double?, warmupSteps: Double)
    /// Cosine decays restarting after `first_decay_steps`, each period `t_mul` times longer
    /// and its peak `m_mul` times lower (SGDR).
    case cosineDecayRestarts(initialLearningRate: Double, firstDecaySteps: Double, tMul: Double, mMul: Double, alpha: Double)

    /// The learning rate at `step` (Keras's `iterations`: 0 at the first update).
    public func value(at step: Int) -> Double {
        let s = Double(step)
        switch self {
        case let .exponentialDecay(lr0, decaySteps, rate, staircase):
            let p = s / decaySteps
            return lr0 * pow(rate, staircase ? p.rounded(.down) : p)
        case let .piecewiseConstantDecay(boundaries, values):
            // Each boundary ends its piece: the first value holds while step <= boundaries[0].
            let piece = boundaries.firstIndex { s <= $0 } ?? boundaries.count
            return values[piece]
        case let .polynomialDecay(lr0, decaySteps, end, power, cycle):
            var steps = decaySteps, at = s
            if cycle {
                steps *= at == 0 ? 1 : (at / decaySteps).rounded(.up)
            } else {
                at = min(at, decaySteps)
            }
            return (lr0 - end) * pow(1 - at / steps, power) + end
        case let .inverseTimeDecay(lr0, decaySteps, rate, staircase):
            let p = s / decaySteps
            return lr0 / (1 + rate * (staircase ? p.rounded(.down) : p))
        case let .cosineDecay(lr0, decaySteps, alpha, warmupTarget, warmupSteps):
            func decayed(_ at: Double, from peak: Double) -> Double {
                peak * ((1 - alpha) * 0.5 * (1 + cos(Double.pi * at / decaySteps)) + alpha)
            }
            guard let target = warmupTarget else { return decayed(min(s, decaySteps), from: lr0) }
            let at = min(s, decaySteps + warmupSteps)
            if at < warmupSteps { return (target - lr0) * (at / warmupSteps) + lr0 }
            return decayed(at - warmupSteps, from: target)
        case let .cosineDecayRestarts(lr0, firstDecaySteps, tMul, mMul, alpha):
            var fraction = s / firstDecaySteps, restart: Double
            if tMul == 1 {
                restart = fraction.rounded(.down)
                fraction -= restart
            } else {
                restart = (log(1 - fraction * (1 - tMul)) / log(tMul)).rounded(.down)
                let before = (1 - pow(tMul, restart)) / (1 - tMul)
                fraction = (fraction - before) / pow(tMul, restart)
            }
            let cosine = 0.5 * pow(mMul, restart) * (1 + cos(Double.pi * fraction))
            return lr0 * ((1 - alpha) * cosine + alpha)
        }
    }

    /// Keras's class name: `CosineDecay`.
    public var className: String {
        switch self {
        case .exponentialDecay: "ExponentialDecay"
        case .piecewiseConstantDecay: "PiecewiseConstantDecay"
        case .polynomialDecay: "PolynomialDecay"
        case .inverseTimeDecay: "InverseTimeDecay"
        case .cosineDecay: "CosineDecay"
        case .cosineDecayRestarts: "CosineDecayRestarts"
        }
    }

    /// Keras's six class names.
    public static let classNames = ["ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
                                    "CosineDecay", "CosineDecayRestarts"]
}

/// The learning rate of an optimizer: a number, or a schedule over the steps.
public enum LearningRate: Hashable, Sendable {
    case constant(Double)
    case schedule(LearningRateSchedule)

    /// The rate at `step` (0 at the first update, as Keras counts).
    @inlinable
    public func value(at step: Int) -> Double {
        switch self {
        case let .constant(rate): rate
        case let .schedule(schedule): schedule.value(at: step)
        }
    }

    /// The number, or a schedule's rate at its first step: what a learning-rate slider shows.
    public var initialValue: Double { value(at: 0) }
}

extension LearningRate: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A constant rate: `let rate: LearningRate = 0.01`.
    public init(floatLiteral value: Double) { self = .constant(value) }
    /// A constant whole-number rate: `let rate: LearningRate = 1`.
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }
}
