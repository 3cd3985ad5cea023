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
        /// Also SGD's momentum (for Momentum and NAG) and Adam's beta_1 and beta_2, jointly.
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
            let candidates = variants(of: runner.rule, scope: scope).flatMap { rule in
                coarseRates.map { rate in var r = rule; r.learningRate = rate; return r }
            }
            let coarse = try best(of: candidates, runner: runner, scene: scene)
            let fine = fineRates(around: coarse.runner.rule.learningRate).map { rate in
                var r = coarse.runner.rule
                r.learningRate = rate
                return r
            }
            let refined = try best(of: fine, runner: runner, scene: scene)
            return refined.gap < coarse.gap ? refined : coarse
        }
    }

    /// `rule` and, in the momentum scope, its neighbours on a small grid of the other
    /// hyper-parameters.
    static func variants(of rule: OptimizerRule, scope: Scope) -> [OptimizerRule] {
        guard scope == .momentum else { return [rule] }
        switch rule {
        case let .sgd(r) where r.momentum > 0:
            return [0.5, 0.8, 0.9, 0.95, 0.99].map { var v = r; v.momentum = $0; return .sgd(v) }
        case let .adam(r):
            return [0.8, 0.9, 0.95].flatMap { b1 in [0.99, 0.999, 0.9999].map { b2 in
                var v = r
                (v.beta1, v.beta2) = (b1, b2)
                return .adam(v)
            } }
        default:
            return [rule]
        }
    }

    /// The best of `rules`, each run on every core's share of the list.
    static func best(of rules: [OptimizerRule], runner: Runner, scene: Scene) throws -> Result {
        let results = try rules.concurrentMap { rule in
            var tried = runner
            tried.rule = rule
            return score(try Stepping.run([tried], on: scene.surface, from: scene.start, steps: scene.steps)[0], on: scene.surface)
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
