import Foundation
import Surfaces

/// Seeded Gaussian noise added to each gradient component at every step, as a minibatch would
/// make it. The draw for step k depends only on the seed and k, never on the optimizer: every
/// optimizer of a scene sees the same noise sequence (common random numbers), so what differs
/// between their paths is the rules, not the draws.
public struct GradientNoise: Sendable, Equatable {
    /// The noise's standard deviation per component (times the gradient's norm when ``relative``).
    public let gradientStd: Double
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
        let (z1, z2) = Self.normalPair(seed: seed, step: UInt64(step))
        let scale = relative ? gradientStd * (g.x * g.x + g.y * g.y).squareRoot() : gradientStd
        return Point(g.x + scale * z1, g.y + scale * z2)
    }

    /// Two independent standard normal draws for (seed, step).
    static func normalPair(seed: UInt64, step: UInt64) -> (Double, Double) {
        var stream = SeededStream(seed: seed, index: step)
        return stream.normalPair()
    }
}
