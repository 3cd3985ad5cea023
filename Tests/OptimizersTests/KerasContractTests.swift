import Testing
@testable import Optimizers

/// Defaults, epsilon placement and the named presets, as Keras 3 defines them.
@Suite struct KerasContractTests {
    @Test func defaultsAreKeras() {
        #expect(SGD() == SGD(learningRate: 0.01, momentum: 0, nesterov: false))
        #expect(Adagrad() == Adagrad(learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7))
        #expect(RMSprop() == RMSprop(learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false))
        #expect(Adam() == Adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false))
        #expect(Adadelta() == Adadelta(learningRate: 0.001, rho: 0.95, epsilon: 1e-7))
    }

    @Test func presets() {
        #expect(OptimizerKind.momentum.defaultRule == .sgd(SGD(momentum: 0.9)))
        #expect(OptimizerKind.nag.defaultRule == .sgd(SGD(momentum: 0.9, nesterov: true)))
        #expect(OptimizerKind.adam.rule(learningRate: 0.05).learningRate == 0.05)
        #expect(OptimizerKind.allCases.map(\.name) == ["sgd", "momentum", "nag", "adagrad", "adadelta", "rmsprop", "adam"])
        #expect(OptimizerKind.allCases.map(\.displayName) == ["SGD", "Momentum", "NAG", "Adagrad", "Adadelta", "RMSprop", "Adam"])
    }

    @Test func adagradEpsilonInsideTheRoot() throws {
        // a = 0 + 1 = 1, eps = 1: inside, 1 - 1/sqrt(1 + 1) = 0.29289; outside it would be 1 - 1/(1 + 1) = 0.5
        let rule = OptimizerRule.adagrad(Adagrad(learningRate: 1, initialAccumulatorValue: 0, epsilon: 1))
        let x = try steps(rule, from: [0.5], steps: 1, gradient: { _ in [1] })
        let expected: Double = 0.5 - 1 / 2.0.squareRoot()
        #expect(abs(x[0][0] - expected) < 1e-15)
    }

    @Test func rmspropEpsilonInsideTheRoot() throws {
        // rho = 0: v = g^2 = 1, eps = 3: 0 - 1/sqrt(1 + 3) = -0.5; outside it would be -1/(1 + 3) = -0.25
        let rule = OptimizerRule.rmsprop(RMSprop(learningRate: 1, rho: 0, epsilon: 3))
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        #expect(x[0][0] == -0.5)
    }

    @Test func adamEpsilonOutsideTheRootOnUncorrectedV() throws {
        // m = 0.1, v = 0.001, alpha = sqrt(0.001)/0.1 = 0.316228; eps = 0.1:
        // Keras: 0.316228*0.1/(0.0316228 + 0.1) = 0.24025; textbook 1/(1 + 0.1) = 0.90909
        let rule = OptimizerRule.adam(Adam(learningRate: 1, epsilon: 0.1))
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        let alpha: Double = 0.001.squareRoot() / 0.1
        let expected: Double = -(alpha * 0.1 / (0.001.squareRoot() + 0.1))
        #expect(abs(x[0][0] - expected) < 1e-15)
        #expect(abs(x[0][0] - -0.2402530733520421) < 1e-12)
    }

    @Test func adadeltaEpsilonUnderBothRoots() throws {
        // Ed = 0 at first: the step is -sqrt(eps)/sqrt(Eg + eps)*g; eps = 1, rho = 0, g = 1: -1/sqrt(2)
        let rule = OptimizerRule.adadelta(Adadelta(learningRate: 1, rho: 0, epsilon: 1))
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        let expected: Double = -1 / 2.0.squareRoot()
        #expect(abs(x[0][0] - expected) < 1e-15)
    }

    @Test func floatAndDoubleAgree() throws {
        let rule = OptimizerRule.adam(Adam(learningRate: 0.1))
        let double = try steps(rule, from: [1, -0.5], gradient: twoD)
        let optimizer = try Optimizer<Float>(rule)
        var theta: [Float] = [1, -0.5]
        for _ in 0..<3 {
            try optimizer.update(parameters: &theta, gradients: [2 * theta[0], 20 * theta[1]])
        }
        #expect(abs(Double(theta[0]) - double[2][0]) < 1e-5)
        #expect(abs(Double(theta[1]) - double[2][1]) < 1e-5)
    }
}

@Suite struct OptimizerListTests {
    @Test func readsNamesWithOptionalLearningRates() throws {
        let list = try OptimizerKind.parseList("sgd=0.001, momentum ,adam=5e-2")
        #expect(list.map(\.kind) == [.sgd, .momentum, .adam])
        #expect(list.map(\.learningRate) == [0.001, nil, 0.05])
    }

    @Test func badItemsAreNamed() {
        #expect(throws: OptimizerError.unknownName("adamw")) { try OptimizerKind.parseList("sgd,adamw=0.1") }
        #expect("\(OptimizerError.malformedLearningRate("fast", optimizer: "adam"))" == "learning rate 'fast' of adam is not a number")
        #expect(throws: OptimizerError.malformedLearningRate("fast", optimizer: "adam")) { try OptimizerKind.parseList("adam=fast") }
    }
}
