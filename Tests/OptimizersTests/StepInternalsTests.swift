import Foundation
import Testing
@testable import Optimizers

/// Every rule's internals reproduce the step it took: the arrows that are parts of the move
/// add up to it, from the very state the step used, and explaining a step changes nothing.
@Suite struct StepInternalsTests {
    /// A curved valley `(x - 1)^2 + 10 (y - x^2)^2` and its gradient.
    static func gradient(_ p: [Double]) -> [Double] {
        [2 * (p[0] - 1) - 40 * p[0] * (p[1] - p[0] * p[0]), 20 * (p[1] - p[0] * p[0])]
    }

    static var configurations: [(String, OptimizerConfiguration)] {
        var all = OptimizerKind.allCases.map { ($0.name, $0.configuration(learningRate: 0.01)) }
        func add(_ name: String, _ kind: OptimizerKind, _ values: HyperparameterValues = [:], _ change: (inout OptimizerConfiguration) -> Void = { _ in }) {
            var configuration = OptimizerConfiguration(try! kind.defaultRule.entry.rule(kind.defaultRule.values.merging(values) { $1 }),
                                                       learningRate: .constant(0.01))
            change(&configuration)
            all.append((name, configuration))
        }
        add("rmsprop momentum centred", .rmsprop, ["momentum": 0.5, "centered": 1])
        add("adam amsgrad", .adam, ["amsgrad": 1])
        add("ftrl l1 l2 power", .ftrl, ["l1_regularization_strength": 0.01, "l2_regularization_strength": 0.1, "learning_rate_power": -0.7,
                                        "l2_shrinkage_regularization_strength": 0.05, "beta": 0.2])
        add("schedule-free warmup", .scheduleFreeAdamW, ["warmup_steps": 10])
        add("sgd weight decay, clipnorm, schedule", .sgd, ["momentum": 0.9]) {
            $0.weightDecay = 0.1
            $0.clipping = GradientClipping(key: "clipnorm", threshold: 0.5)
            $0.learningRate = .schedule(.exponentialDecay(initialLearningRate: 0.01, decaySteps: 5, decayRate: 0.9, staircase: false))
        }
        add("adamw clipvalue", .adamw) { $0.clipping = GradientClipping(key: "clipvalue", threshold: 0.3) }
        add("lion moving average", .lion) { $0.movingAverage = MovingAverage(momentum: 0.9, overwriteFrequency: 7) }
        return all
    }

    @Test(arguments: configurations.map(\.0))
    func theArrowsAddUpToTheStep(name: String) throws {
        let configuration = Self.configurations.first { $0.0 == name }!.1
        let explained = try Optimizer<Double>(configuration), plain = try Optimizer<Double>(configuration)
        var p = [-0.5, 1.5], q = p
        for t in 1...60 {
            let internals = try explained.explainedUpdate(parameters: &p, gradients: Self.gradient(p))
            try plain.update(parameters: &q, gradients: Self.gradient(q))
            #expect(p == q, "explaining step \(t) changed it")
            #expect(internals.step == t && internals.from != internals.to)
            let move = internals.to.minus(internals.from)
            for i in 0..<2 {
                #expect(abs(internals.move[i] - move[i]) <= 1e-12 * max(1, abs(internals.from[i])),
                        "step \(t): arrows add up to \(internals.move), the move was \(move)")
            }
            #expect(internals.rule.arrows.allSatisfy { $0.vector.count == 2 })
        }
    }

    @Test func eachRuleNamesWhatItDraws() throws {
        func explain(_ kind: OptimizerKind, steps: Int = 3) throws -> StepInternals {
            let optimizer = try Optimizer<Double>(kind, learningRate: 0.01)
            var p = [-0.5, 1.5], last: StepInternals?
            for _ in 0..<steps { last = try optimizer.explainedUpdate(parameters: &p, gradients: Self.gradient(p)) }
            return last!
        }
        #expect(try explain(.momentum).rule.arrows.map(\.label) == ["momentum", "gradient step", "velocity"])
        #expect(try explain(.sgd).rule.scale == nil)
        let adam = try explain(.adam)
        #expect(adam.rule.arrows.map(\.label) == ["momentum", "gradient"] && adam.rule.scale?.count == 2)
        #expect(adam.gradientStep == adam.gradient.map { -0.01 * $0 })
        #expect(try explain(.adamw).rule.arrows.first?.label == "weight decay")
        #expect(try explain(.scheduleFreeAdamW).rule.points.map(\.label) == ["z", "x"])
        #expect(try explain(.lamb).rule.numbers.first?.label == "trust ratio")
        #expect(try explain(.lion).rule.arrows.map(\.isPart) == [true, false])
    }
}
