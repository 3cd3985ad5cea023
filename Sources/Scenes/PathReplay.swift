import Foundation
import Optimizers
import Surfaces

/// One optimizer's path replayed to explain its steps (`Optimizer.explainedUpdate`), the
/// optimizer's state kept every `interval` steps on the way: after the first request, any step
/// costs at most `interval` steps of replay — the explorer's ← and → at step 100,000 included.
/// Safe to share between threads.
public final class PathReplay: @unchecked Sendable {
    let runner: Runner, surface: any Surface, start: Point, noise: DrawnNoise?, batchSize: Int?, interval: Int
    private let lock = NSLock()
    /// The point and the optimizer's state after each kept step (0: the start, fresh).
    private var kept: [Int: (point: [Double], state: OptimizerState<Double>?)]

    /// A replay of `runner` from `start` over at most `steps` steps, with the scene's noise and minibatches.
    public init(_ runner: Runner, on surface: any Surface, from start: Point, steps: Int, noise: GradientNoise? = nil,
                batchSize: Int? = nil, interval: Int = 1000) {
        (self.runner, self.surface, self.start, self.batchSize, self.interval) = (runner, surface, start, batchSize, interval)
        self.noise = noise?.drawn(steps: steps)
        kept = [0: ([start.x, start.y], nil)]
    }

    /// What step `step` (from the point after step `step - 1`) was made of; nil when the path
    /// diverged before it.
    public func internals(at step: Int) throws -> StepInternals? {
        precondition(step >= 1)
        let (base, saved) = lock.withLock { kept.filter { $0.key < step }.max { $0.key < $1.key }! }
        let optimizer = try Optimizer<Double>(runner.configuration)
        if let state = saved.state { try optimizer.restore(state) }
        let source = Stepping.gradients(on: surface, noise: noise, batchSize: batchSize)
        var theta = saved.point, gradient = [0.0, 0.0]
        for k in base + 1...step {
            let g = source(Point(theta[0], theta[1]), k)
            (gradient[0], gradient[1]) = (g.x, g.y)
            if k == step { return try optimizer.explainedUpdate(parameters: &theta, gradients: gradient) }
            try optimizer.update(parameters: &theta, gradients: gradient)
            guard theta[0].isFinite, theta[1].isFinite else { return nil }
            if k % interval == 0 {
                let state = optimizer.state, point = theta
                lock.withLock { kept[k] = (point, state) }
            }
        }
        return nil
    }
}
