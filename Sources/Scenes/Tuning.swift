import Foundation
import Optimizers
import Surfaces

/// Fair learning-rate tuning: every optimizer gets the same search, over the scene's full step
/// budget, scored by where it ends — so an optimizer that is quick early but stalls does not win.
public enum Tuning {
    /// What is searched besides the learning rate.
    public enum Scope: String, Sendable, CaseIterable {
        /// The learning rate alone.
        case learningRate = "lr"
        /// Also a momentum in use (Momentum, NAG) and the Adam family's two betas, jointly.
        case momentum
    }

    /// One optimizer's best setting.
    public struct Result: Sendable {
        /// The runner with the chosen hyper-parameters.
        public var runner: Runner
        /// Loss at the last step minus the value of the known minimum nearest to where it ended
        /// (the loss itself on a surface without known minima); infinite if every try diverged.
        public var gap: Double
        /// The first step whose loss is within 1e-3 of that minimum's value, if any.
        public var firstStepWithin: Int?
    }

    /// The coarse pass: 1e-6 to 10, four rates a decade.
    public static let coarseRates = (0...28).map { pow(10, -6 + Double($0) / 4) }

    /// The fine pass around a coarse winner: nine rates over half a decade, centred on it.
    static func fineRates(around rate: Double) -> [Double] {
        (0...8).map { rate * pow(10, (Double($0) - 4) / 16) }
    }

    /// Tunes every runner of `scene` on the scene's surface, start and step count. The same
    /// scene gives the same result: the search is a fixed grid, ties go to the earlier rate.
    public static func tune(_ scene: Scene, scope: Scope = .learningRate) throws -> [Result] {
        try scene.runners.map { runner in
            let candidates = try variants(of: runner.configuration, scope: scope).flatMap { configuration in
                coarseRates.map { rate in var c = configuration; c.learningRate = .constant(rate); return c }
            }
            let coarse = try best(of: candidates, runner: runner, scene: scene)
            let fine = fineRates(around: coarse.runner.configuration.learningRate.initialValue).map { rate in
                var c = coarse.runner.configuration
                c.learningRate = .constant(rate)
                return c
            }
            let refined = try best(of: fine, runner: runner, scene: scene)
            return refined.gap < coarse.gap ? refined : coarse
        }
    }

    /// `configuration` and, in the momentum scope, its neighbours on a small grid of the other
    /// hyper-parameters, the same for every rule that has them: a `momentum` in use, and the
    /// betas of the Adam family (`beta_1` with `beta_2`, Muon's `adam_beta_1` with `adam_beta_2`).
    static func variants(of configuration: OptimizerConfiguration, scope: Scope) throws -> [OptimizerConfiguration] {
        guard scope == .momentum else { return [configuration] }
        let values = configuration.rule.values
        var grids: [[HyperparameterValues]] = []
        if let momentum = values["momentum"], momentum > 0 {
            grids.append([0.5, 0.8, 0.9, 0.95, 0.99].map { ["momentum": $0] })
        }
        for (first, second) in [("beta_1", "beta_2"), ("adam_beta_1", "adam_beta_2")] where values[first] != nil && values[second] != nil {
            grids.append([0.8, 0.9, 0.95].flatMap { b1 in [0.99, 0.999, 0.9999].map { b2 in [first: b1, second: b2] } })
        }
        let combinations = grids.reduce([HyperparameterValues()]) { partial, grid in
            partial.flatMap { a in grid.map { b in a.merging(b) { $1 } } }
        }
        return try combinations.map { changes in
            var c = configuration
            c.rule = try configuration.rule.entry.rule(values.merging(changes) { $1 })
            return c
        }
    }

    /// The best of `configurations`, each run on every core's share of the list.
    static func best(of configurations: [OptimizerConfiguration], runner: Runner, scene: Scene) throws -> Result {
        let results = try configurations.concurrentMap { configuration in
            var tried = runner
            tried.configuration = configuration
            guard scene.runs > 1 else {
                return score(try Stepping.run([tried], on: scene.surface, from: scene.start, steps: scene.steps, noise: scene.noise,
                                              batchSize: scene.batchSize)[0], on: scene.surface)
            }
            let noise = try scene.noise ?? GradientNoise(gradientStd: 0, seed: 1)
            // A noisy scene's runs: the median gap (and the median first step within reach).
            let scores = try Stepping.runs([tried], on: scene.surface, from: scene.start, steps: scene.steps, noise: noise,
                                           batchSize: scene.batchSize, count: scene.runs)
                .map { score($0[0], on: scene.surface) }
            let gaps = scores.map(\.gap).sorted(), firsts = scores.compactMap(\.firstStepWithin).sorted(), m = gaps.count
            let median = m % 2 == 1 ? gaps[m / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2
            return Result(runner: tried, gap: median, firstStepWithin: firsts.count * 2 > m ? firsts[firsts.count / 2] : nil)
        }
        // The first of the lowest gaps, so equal scores pick the same rate every time.
        return results.enumerated().min { a, b in
            a.element.gap < b.element.gap || (a.element.gap == b.element.gap && a.offset < b.offset)
        }!.element
    }

    /// How close `path` ends to the known minimum nearest its end.
    public static func score(_ path: Trajectory, on surface: any Surface) -> Result {
        let end = path.points.last!
        let nearest = surface.minima.min { $0.distance(to: end) < $1.distance(to: end) }
        let floor = nearest.map { surface.value(at: $0) } ?? 0
        let gap = path.divergedAt == nil ? path.losses.last! - floor : .infinity
        let first = path.losses.firstIndex { $0 - floor <= 1e-3 }
        return Result(runner: path.runner, gap: gap.isNaN ? .infinity : gap, firstStepWithin: nearest == nil ? nil : first)
    }
}
