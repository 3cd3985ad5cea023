import Foundation
import Optimizers
import Scenes
import Surfaces
import Testing

@Suite struct TuningTests {
    func bowl(steps: Int = 100, _ kinds: [OptimizerKind] = [.sgd, .adam]) throws -> Scene {
        try Scene(name: "bowl", surface: .formula("x^2 + 10*y^2", minima: [Point(0, 0)]), start: Point(2, 1), steps: steps,
                  runners: kinds.map { Runner($0) })
    }

    /// On x² + 10y², plain gradient descent converges fastest for rates just under 2/20 = 0.1
    /// and diverges above it: the tuned SGD rate must sit just below that edge, not above.
    @Test func sgdIsTunedJustBelowTheStabilityEdge() throws {
        let results = try Tuning.tune(try bowl())
        let sgd = results[0]
        let rate = sgd.runner.configuration.learningRate.initialValue
        #expect(rate < 0.1 && rate > 0.05, "\(rate)")
        #expect(sgd.gap < 1e-12 && sgd.firstStepWithin != nil)
        #expect(results[1].gap.isFinite && results[1].runner.label == "Adam")
    }

    @Test func theSameSceneGivesTheSameResult() throws {
        let a = try Tuning.tune(try bowl()), b = try Tuning.tune(try bowl())
        #expect(a.map(\.runner) == b.map(\.runner) && a.map(\.gap) == b.map(\.gap))
    }

    @Test func aDivergingRunNeverWins() throws {
        let scene = try bowl()
        let path = try Stepping.run([Runner(.sgd, learningRate: 5)], on: scene.surface, from: scene.start, steps: 200)[0]
        #expect(path.divergedAt != nil)
        #expect(Tuning.score(path, on: scene.surface).gap == .infinity)
    }

    @Test func theMomentumScopeAlsoPicksMomentumAndBetas() throws {
        let results = try Tuning.tune(try bowl(steps: 60, [.momentum, .adam, .rmsprop]), scope: .momentum)
        guard let momentum = results[0].runner.rule.base as? SGD, results[1].runner.rule.base is Adam else {
            Issue.record("wrong rules: \(results.map(\.runner.rule))")
            return
        }
        #expect([0.5, 0.8, 0.9, 0.95, 0.99].contains(momentum.momentum))
        #expect(results.allSatisfy { $0.gap.isFinite })
    }

    @Test func basinsOfHimmelblauReachEveryMinimum() throws {
        let scene = try Scene(name: "h", surface: "himmelblau", start: Point(0, 0), steps: 300,
                              runners: [Runner(.adam, learningRate: 0.1), Runner(.sgd, learningRate: 0.01)])
        let basins = try Basins(scene, columns: 24, rows: 18)
        for outcomes in basins.outcomes {
            #expect(Set(outcomes) == Set((0..<4).map { Basins.Outcome.minimum($0) }), "each of the four minima has a basin")
        }
        // The start nearest (3, 2) ends there.
        let near = (0..<24 * 18).min { i, j in
            basins.start(column: i % 24, row: i / 24).distance(to: Point(3, 2)) < basins.start(column: j % 24, row: j / 24).distance(to: Point(3, 2))
        }!
        #expect(basins.outcomes[0][near] == .minimum(0))
        let csv = basins.csv().split(separator: "\n")
        #expect(csv.count == 1 + 2 * 24 * 18 && csv[0] == "optimizer,x,y,outcome,end_x,end_y")
    }

    @Test func basinsOfADivergingOptimizer() throws {
        let scene = try Scene(name: "h", surface: "himmelblau", start: Point(0, 0), steps: 50, runners: [Runner(.sgd, learningRate: 1)])
        let basins = try Basins(scene, columns: 4, rows: 3)
        #expect(basins.outcomes[0].allSatisfy { $0 == .diverged })
        #expect(throws: SceneError.self) {
            try Basins(try Scene(name: "s", surface: "saddle", start: Point(1, 0), steps: 5, runners: [Runner(.sgd)]), columns: 2, rows: 2)
        }
    }
}
