import Foundation
import Surfaces

/// Seeded Gaussian noise added to each gradient component at every step, as a minibatch would
/// make it. The draw for step k depends only on the seed and k, never on the optimizer: every
/// optimizer of a scene sees the same noise sequence (common random numbers), so what differs
/// between their paths is the rules, not the draws.
public struct GradientNoise: Sendable, Equatable {
    /// The noise's standard deviation per component (times the gradient's norm when ``relative``).
    public let gradientStd: Double
    /// The seed every draw derives from, with the step.
    public let seed: UInt64
    /// Whether the noise scales with the gradient's norm (vanishing at a stationary point).
    public let relative: Bool

    /// Throws unless `gradientStd` is finite and >= 0.
    public init(gradientStd: Double, seed: UInt64 = 1, relative: Bool = false) throws {
        guard gradientStd.isFinite, gradientStd >= 0 else {
            throw SceneError("noise gradient_std must be finite and >= 0, got \(gradientStd)")
        }
        self.gradientStd = gradientStd
        self.seed = seed
        self.relative = relative
    }

    /// The gradient `g` of step `step` (from 1) with its noise added.
    public func noisy(_ g: Point, step: Int) -> Point {
        noisy(g, draw: Self.normalPair(seed: seed, step: UInt64(step)))
    }

    /// `g` with the noise of the standard normal pair `draw` added.
    func noisy(_ g: Point, draw: (Double, Double)) -> Point {
        let scale = relative ? gradientStd * (g.x * g.x + g.y * g.y).squareRoot() : gradientStd
        return Point(g.x + scale * draw.0, g.y + scale * draw.1)
    }

    /// The draws of steps 1 through `steps`, made once for every runner of a run (and every
    /// start of a basin map) instead of once each.
    public func drawn(steps: Int) -> DrawnNoise { DrawnNoise(self, steps: steps) }

    /// Two independent standard normal draws for (seed, step).
    static func normalPair(seed: UInt64, step: UInt64) -> (Double, Double) {
        var stream = SeededStream(seed: seed, index: step)
        return stream.normalPair()
    }
}

/// A run's noise drawn ahead, step by step: the same numbers ``GradientNoise/noisy(_:step:)``
/// draws, made once. With `gradientStd` 0 nothing is drawn and nothing added: the path is the
/// noise-free one, bit for bit.
public struct DrawnNoise: Sendable {
    /// The noise drawn from.
    public let noise: GradientNoise
    /// Step k's standard normal pair at k − 1; empty without noise.
    let draws: [(Double, Double)]

    init(_ noise: GradientNoise, steps: Int) {
        self.noise = noise
        draws = noise.gradientStd > 0 ? (1...max(steps, 1)).map { GradientNoise.normalPair(seed: noise.seed, step: UInt64($0)) } : []
    }

    /// The gradient `g` of step `step` (1 through the steps drawn) with its noise added.
    public func noisy(_ g: Point, step: Int) -> Point { draws.isEmpty ? g : noise.noisy(g, draw: draws[step - 1]) }
}
