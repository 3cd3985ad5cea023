import Dispatch
import Testing
@testable import Optimizers

@Suite struct StateTests {
    @Test func momentumOvershootsWhereSGDDoesNot() throws {
        let sgd = try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.1), from: [1], steps: 50, gradient: oneD)
        let momentum = try steps(OptimizerConfiguration(OptimizerRule(SGD().with(\.momentum, 0.9)), learningRate: 0.1), from: [1], steps: 50, gradient: oneD)
        #expect(sgd.allSatisfy { $0[0] > 0 })
        #expect(momentum.contains { $0[0] < -0.1 })
    }

    @Test func resetStartsOver() throws {
        let adam = try Optimizer<Double>(.adam)
        var a = [1.0]
        try adam.update(parameters: &a, gradients: [2])
        try adam.update(parameters: &a, gradients: [2])
        adam.reset()
        #expect(adam.step == 0)
        var b = [1.0]
        try adam.update(parameters: &b, gradients: [2])
        let fresh = try Optimizer<Double>(.adam)
        var c = [1.0]
        try fresh.update(parameters: &c, gradients: [2])
        #expect(b == c)
    }

    @Test func stateRoundTrips() throws {
        let a = try Optimizer<Float>(.adagrad)
        var p: [Float] = [1, 2, 3]
        try a.update(parameters: &p, gradients: [0.5, -1, 2])
        let b = try Optimizer<Float>(.adagrad)
        try b.restore(a.state)
        #expect(b.state == a.state)
        var q = p
        try a.update(parameters: &p, gradients: [1, 1, 1])
        try b.update(parameters: &q, gradients: [1, 1, 1])
        #expect(p == q)
    }

    /// Applying a step range by range, from several threads, is one update.
    @Test func rangesAppliedConcurrentlyEqualOneUpdate() throws {
        let n = 100_003
        let gradients = (0..<n).map { Float(($0 % 17) - 8) / 7 }
        var whole = (0..<n).map { Float($0 % 5) }
        let pieces = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        defer { pieces.deallocate() }
        _ = pieces.initialize(from: whole)
        let one = try Optimizer<Float>(.rmsprop), split = try Optimizer<Float>(.rmsprop)
        for _ in 0..<2 {
            try one.update(parameters: &whole, gradients: gradients)
            let t = try split.beginUpdate(count: n)
            nonisolated(unsafe) let pieces = pieces, split = split
            DispatchQueue.concurrentPerform(iterations: 7) { c in
                let range = n * c / 7..<n * (c + 1) / 7
                gradients.withUnsafeBufferPointer {
                    split.apply(step: t, to: range, parameters: pieces, gradients: UnsafeBufferPointer(rebasing: $0[range]))
                }
            }
        }
        #expect(Array(pieces) == whole)
        #expect(split.state == one.state)
    }

    @Test func stateOfAnotherRuleIsRejected() throws {
        let adam = try Optimizer<Float>(.adam)
        var p: [Float] = [1]
        try adam.update(parameters: &p, gradients: [1])
        #expect(throws: OptimizerError.self) { try Optimizer<Float>(.adagrad).restore(adam.state) }
    }
}

@Suite struct InvalidInputTests {
    @Test func invalidHyperparametersAreRejected() {
        let bad: [(OptimizerConfiguration, String)] = [
            (OptimizerConfiguration(OptimizerRule(SGD()), learningRate: -0.1), "invalid learning_rate -0.1: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(SGD()), learningRate: .constant(.nan)), "invalid learning_rate nan: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(SGD()), learningRate: .constant(.infinity)), "invalid learning_rate inf: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(SGD().with(\.momentum, 1))), "invalid momentum 1.0: must be in [0, 1)"),
            (OptimizerConfiguration(OptimizerRule(RMSprop().with(\.rho, 1.5))), "invalid rho 1.5: must be in [0, 1)"),
            (OptimizerConfiguration(OptimizerRule(Adam().with(\.beta1, -0.1))), "invalid beta_1 -0.1: must be in [0, 1)"),
            (OptimizerConfiguration(OptimizerRule(Adam().with(\.beta2, 1))), "invalid beta_2 1.0: must be in [0, 1)"),
            (OptimizerConfiguration(OptimizerRule(Adam().with(\.epsilon, -1e-7))), "invalid epsilon -1e-07: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(Adadelta().with(\.rho, .nan))), "invalid rho nan: must be in [0, 1)"),
            (OptimizerConfiguration(OptimizerRule(Adagrad().with(\.initialAccumulatorValue, -1))), "invalid initial_accumulator_value -1.0: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(SGD()), clipping: .norm(0)), "invalid clipnorm 0.0: must be finite and > 0"),
            (OptimizerConfiguration(OptimizerRule(SGD()), weightDecay: -1), "invalid weight_decay -1.0: must be finite and >= 0"),
            (OptimizerConfiguration(OptimizerRule(SGD()), movingAverage: MovingAverage(momentum: 1.5)), "invalid ema_momentum 1.5: must be in [0, 1]"),
        ]
        for (configuration, message) in bad {
            do {
                _ = try Optimizer<Double>(configuration)
                Issue.record("accepted \(configuration)")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    @Test func mismatchedBuffersAreRejected() throws {
        let sgd = try Optimizer<Double>(.sgd)
        var p = [1.0, 2.0]
        #expect(throws: OptimizerError.lengthMismatch(parameters: 2, gradients: 3)) {
            try sgd.update(parameters: &p, gradients: [1, 2, 3])
        }
        #expect(p == [1, 2])
    }

    @Test func unknownNameListsTheKnownOnes() {
        #expect(throws: OptimizerError.unknownName("adamx")) { try OptimizerKind(named: "adamx") }
        #expect("\(OptimizerError.unknownName("adamx"))" == "unknown optimizer 'adamx': choose one of sgd, momentum, nag, adagrad, "
            + OptimizerKind.allCases.dropFirst(4).map(\.name).joined(separator: ", "))
    }
}
