import Optimizers
import Scenes
import Surfaces
import Testing

@Suite struct SteppingTests {
    @Test func pathStartsAtTheStartAndTakesEveryStep() throws {
        let paths = try Stepping.run([Runner(.sgd, learningRate: 0.01)], on: LongValley(), from: Point(-8, 2), steps: 10)
        #expect(paths[0].points.first == Point(-8, 2))
        #expect(paths[0].points.count == 11 && paths[0].losses.count == 11)
        #expect(paths[0].divergedAt == nil)
        // step 1 by hand: g = (-0.8, 20), p1 = (-8 + 0.008, 2 - 0.2)
        #expect(paths[0].points[1] == Point(-8 + 0.01 * 0.8, 2 - 0.01 * 20))
        #expect(paths[0].losses[1] == LongValley().value(at: paths[0].points[1]))
    }

    @Test func divergenceStopsOnlyTheDivergingOptimizer() throws {
        let runners = [Runner(.sgd, learningRate: 0.1), Runner(.adam, learningRate: 0.01)]
        let paths = try Stepping.run(runners, on: Rosenbrock(), from: Point(-1.5, 2), steps: 100)
        let sgd = try #require(paths.first), adam = try #require(paths.last)
        let diverged = try #require(sgd.divergedAt)
        #expect(diverged < 100)
        #expect(sgd.points.count == diverged)
        #expect(sgd.points.allSatisfy { $0.isFinite } && sgd.losses.allSatisfy { $0.isFinite })
        #expect(adam.divergedAt == nil && adam.steps == 100)
    }

    @Test func badInputIsRejected() {
        #expect(throws: SceneError.self) {
            try Stepping.run([Runner(.sgd)], on: Beale(), from: Point(.nan, 0), steps: 10)
        }
        #expect(throws: SceneError("steps must be > 0, got 0")) {
            try Stepping.run([Runner(.sgd)], on: Beale(), from: Point(1, 1), steps: 0)
        }
        #expect(throws: OptimizerError.invalidHyperparameter(name: "learning_rate", value: -1, allowed: "finite and >= 0")) {
            try Stepping.run([Runner(.adam, learningRate: -1)], on: Beale(), from: Point(1, 1), steps: 10)
        }
    }
}
