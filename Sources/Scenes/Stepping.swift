import Optimizers
import Surfaces

/// One optimizer to run on a surface: a display label and its configuration.
public struct Runner: Hashable, Sendable {
    /// Stable name (`adam`, `momentum`), used in CSV files and to pick the colour.
    public var name: String
    /// Legend label (`Adam`).
    public var label: String
    /// The rule, learning rate (or schedule), clipping, weight decay and moving average.
    public var configuration: OptimizerConfiguration

    /// `configuration` under the stable `name` and the legend's `label`.
    public init(name: String, label: String, configuration: OptimizerConfiguration) {
        self.name = name
        self.label = label
        self.configuration = configuration
    }

    /// A named optimizer at Keras's defaults, with its own learning rate when given.
    public init(_ kind: OptimizerKind, learningRate: Double? = nil) {
        self.init(name: kind.name, label: kind.displayName, configuration: kind.configuration(learningRate: learningRate))
    }

    /// The rule and its hyper-parameters.
    public var rule: OptimizerRule { configuration.rule }
}

/// The path an optimizer took: `points[0]` is the start, `points[k]` the point after step k.
public struct Trajectory: Hashable, Sendable {
    /// The optimizer that took it.
    public var runner: Runner
    /// The start, then the point after each step, while finite.
    public var points: [Point]
    /// `f` at each point.
    public var losses: [Double]
    /// The step at which the point or loss stopped being finite; the path ends just before it.
    public var divergedAt: Int?

    /// Steps actually taken (the path may end early on divergence).
    public var steps: Int { points.count - 1 }
}

/// Steps optimizers over a surface.
public enum Stepping {
    /// Runs every runner from `start` for `steps` steps, each with its own fresh state, the
    /// gradients with `noise` added when given (the same draws for every runner).
    /// A runner whose point or loss becomes non-finite is marked diverged and stops there;
    /// the others go on. Throws for an invalid hyper-parameter or a non-finite start.
    public static func run(_ runners: [Runner], on surface: any Surface, from start: Point, steps: Int,
                           noise: GradientNoise? = nil, batchSize: Int? = nil) throws -> [Trajectory] {
        guard start.isFinite else { throw SceneError("start point (\(start.x), \(start.y)) must be finite") }
        guard steps > 0 else { throw SceneError("steps must be > 0, got \(steps)") }
        // The runners are independent: long runs go on every core at once, over one draw of the noise.
        let drawn = noise?.drawn(steps: steps)
        return try runners.concurrentMap { try run($0, on: surface, from: start, steps: steps, noise: drawn, batchSize: batchSize) }
    }

    /// `count` runs of every runner, run r (from 0) with the noise seed `noise.seed + r` (which
    /// also draws the minibatches): `[run][runner]`, the runs spread over the cores, each
    /// drawing its noise once for all its runners.
    public static func runs(_ runners: [Runner], on surface: any Surface, from start: Point, steps: Int, noise: GradientNoise,
                            batchSize: Int? = nil, count: Int) throws -> [[Trajectory]] {
        guard start.isFinite else { throw SceneError("start point (\(start.x), \(start.y)) must be finite") }
        guard steps > 0 else { throw SceneError("steps must be > 0, got \(steps)") }
        let seeded = try (0..<count).map { try GradientNoise(gradientStd: noise.gradientStd, seed: noise.seed &+ UInt64($0), relative: noise.relative) }
        return try seeded.concurrentMap { noise in
            let drawn = noise.drawn(steps: steps)
            return try runners.map { try run($0, on: surface, from: start, steps: steps, noise: drawn, batchSize: batchSize) }
        }
    }

    static func run(_ runner: Runner, on surface: any Surface, from start: Point, steps: Int,
                    noise: DrawnNoise? = nil, batchSize: Int? = nil) throws -> Trajectory {
        var path = Trajectory(runner: runner, points: [start], losses: [surface.value(at: start)])
        path.points.reserveCapacity(steps + 1)
        path.losses.reserveCapacity(steps + 1)
        path.divergedAt = try walk(try Optimizer<Double>(runner.configuration), on: surface, from: start, steps: steps,
                                   noise: noise, batchSize: batchSize) { p, loss in
            path.points.append(p)
            path.losses.append(loss)
        }
        return path
    }

    /// The gradient a step sees at a point: the surface's, or with `batchSize` (on a
    /// ``SampledSurface``) its minibatch's drawn from the noise's seed (1 without noise) and the
    /// step, with the run's noise added.
    static func gradients(on surface: any Surface, noise: DrawnNoise?, batchSize: Int?) -> (Point, Int) -> Point {
        let sampled = batchSize.flatMap { size in (surface as? any SampledSurface).map { ($0, size, noise?.noise.seed ?? 1) } }
        return { here, step in
            let exact = sampled.map { s, size, seed in s.gradient(at: here, samples: s.batch(size: size, seed: seed, step: step)) }
                ?? surface.gradient(at: here)
            return noise.map { $0.noisy(exact, step: step) } ?? exact
        }
    }

    /// What `runner`'s steps in `explained` were made of (see `Optimizer.explainedUpdate`),
    /// replaying its path from `start` (with the same noise and minibatches) up to the last of
    /// them or until it diverges.
    public static func internals(of runner: Runner, on surface: any Surface, from start: Point, at explained: Set<Int>,
                                 noise: GradientNoise? = nil, batchSize: Int? = nil) throws -> [Int: StepInternals] {
        guard let last = explained.max(), last > 0 else { return [:] }
        let replay = PathReplay(runner, on: surface, from: start, steps: last, noise: noise, batchSize: batchSize)
        var found: [Int: StepInternals] = [:]
        for step in explained.sorted() where step > 0 {
            guard let internals = try replay.internals(at: step) else { break }
            found[step] = internals
        }
        return found
    }

    /// Steps `optimizer` from `start`, calling `visit(point, loss)` after each step while both
    /// are finite. Returns the step at which they stopped being finite, or nil. With
    /// `batchSize` (on a ``SampledSurface``) each step's gradient is its minibatch's, drawn from
    /// the noise's seed (1 without noise) and the step; noise of standard deviation 0 adds
    /// nothing: the path is the noise-free one, bit for bit. The losses are the full data's.
    /// `until(step, loss)` returning true stops the walk there, which then returns that step.
    static func walk(_ optimizer: Optimizer<Double>, on surface: any Surface, from start: Point, steps: Int,
                     noise: DrawnNoise? = nil, batchSize: Int? = nil, visit: (Point, Double) -> Void,
                     until: (Int, Double) -> Bool = { _, _ in false }) throws -> Int? {
        var theta = [start.x, start.y], gradient = [0.0, 0.0]
        let source = gradients(on: surface, noise: noise, batchSize: batchSize)
        for step in 1...steps {
            let g = source(Point(theta[0], theta[1]), step)
            (gradient[0], gradient[1]) = (g.x, g.y)
            try optimizer.update(parameters: &theta, gradients: gradient)
            let p = Point(theta[0], theta[1]), loss = surface.value(at: p)
            guard p.isFinite, loss.isFinite else { return step }
            visit(p, loss)
            if until(step, loss) { return step }
        }
        return nil
    }
}
