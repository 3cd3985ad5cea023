import Testing
@testable import Optimizers

/// Defaults, epsilon placement and the named presets, as Keras 3 defines them.
@Suite struct KerasContractTests {
    @Test func defaultsAreKeras() {
        // Keras 3.15's signatures, typed here from keras/src/optimizers/*.py.
        #expect(SGD.defaults.values == ["momentum": 0, "nesterov": 0] && SGD.defaultLearningRate == 0.01)
        #expect(Adagrad.defaults.values == ["initial_accumulator_value": 0.1, "epsilon": 1e-7] && Adagrad.defaultLearningRate == 0.001)
        #expect(RMSprop.defaults.values == ["rho": 0.9, "momentum": 0, "epsilon": 1e-7, "centered": 0])
        #expect(Adam.defaults.values == ["beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": 0])
        #expect(AdamW.defaults.values == Adam.defaults.values)
        #expect(Adadelta.defaults.values == ["rho": 0.95, "epsilon": 1e-7])
        for moments in [Adamax.defaults.values, Nadam.defaults.values, Lamb.defaults.values] {
            #expect(moments == ["beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7])
        }
        #expect(Lion.defaults.values == ["beta_1": 0.9, "beta_2": 0.99])
        #expect(Adafactor.defaults.values == ["beta_2_decay": -0.8, "epsilon_1": 1e-30, "epsilon_2": 1e-3, "clip_threshold": 1, "relative_step": 1])
        #expect(Ftrl.defaults.values == ["learning_rate_power": -0.5, "initial_accumulator_value": 0.1, "l1_regularization_strength": 0,
                                         "l2_regularization_strength": 0, "l2_shrinkage_regularization_strength": 0, "beta": 0])
        #expect(ScheduleFreeAdamW.defaults.values == ["beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8, "warmup_steps": 0])
        #expect(Muon.defaultValues == ["adam_beta_1": 0.9, "adam_beta_2": 0.999, "adam_weight_decay": 0.004, "epsilon": 1e-7,
                                       "muon_a": 3.4445, "muon_b": -4.7750, "muon_c": 2.0315, "adam_lr_ratio": 1, "momentum": 0.95,
                                       "ns_steps": 5, "nesterov": 1, "rms_rate": 0.2])
        #expect(OptimizerRule.registry.filter(\.provenance.isKeras).allSatisfy { $0.defaultLearningRate == ($0.name == "sgd" ? 0.01 : $0.name == "schedule_free_adamw" ? 0.0025 : 0.001) })
        #expect(OptimizerRule.registry.filter { $0.provenance.isKeras && $0.defaultWeightDecay == 0.004 }.map(\.name) == ["adamw", "muon"])
    }

    @Test func presets() {
        #expect(OptimizerKind.momentum.defaultRule == OptimizerRule(SGD().with(\.momentum, 0.9)))
        #expect(OptimizerKind.nag.defaultRule == OptimizerRule(SGD().with(\.momentum, 0.9).with(\.nesterov, true)))
        #expect(OptimizerKind.adam.configuration(learningRate: 0.05).learningRate == 0.05)
        // Every rule of the registry in its order, the two presets right after SGD.
        var names = OptimizerRule.registry.map(\.name)
        names.insert(contentsOf: ["momentum", "nag"], at: 1)
        #expect(OptimizerKind.allCases.map(\.name) == names)
        #expect(OptimizerKind.classics.map(\.displayName) == ["SGD", "Momentum", "NAG", "Adagrad", "Adadelta", "RMSprop", "Adam"])
    }

    @Test func adagradEpsilonInsideTheRoot() throws {
        // a = 0 + 1 = 1, eps = 1: inside, 1 - 1/sqrt(1 + 1) = 0.29289; outside it would be 1 - 1/(1 + 1) = 0.5
        let rule = OptimizerConfiguration(OptimizerRule(Adagrad().with(\.initialAccumulatorValue, 0).with(\.epsilon, 1)), learningRate: 1)
        let x = try steps(rule, from: [0.5], steps: 1, gradient: { _ in [1] })
        let expected: Double = 0.5 - 1 / 2.0.squareRoot()
        #expect(abs(x[0][0] - expected) < 1e-15)
    }

    @Test func rmspropEpsilonInsideTheRoot() throws {
        // rho = 0: v = g^2 = 1, eps = 3: 0 - 1/sqrt(1 + 3) = -0.5; outside it would be -1/(1 + 3) = -0.25
        let rule = OptimizerConfiguration(OptimizerRule(RMSprop().with(\.rho, 0).with(\.epsilon, 3)), learningRate: 1)
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        #expect(x[0][0] == -0.5)
    }

    @Test func adamEpsilonOutsideTheRootOnUncorrectedV() throws {
        // m = 0.1, v = 0.001, alpha = sqrt(0.001)/0.1 = 0.316228; eps = 0.1:
        // Keras: 0.316228*0.1/(0.0316228 + 0.1) = 0.24025; textbook 1/(1 + 0.1) = 0.90909
        let rule = OptimizerConfiguration(OptimizerRule(Adam().with(\.epsilon, 0.1)), learningRate: 1)
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        let alpha: Double = 0.001.squareRoot() / 0.1
        let expected: Double = -(alpha * 0.1 / (0.001.squareRoot() + 0.1))
        #expect(abs(x[0][0] - expected) < 1e-15)
        #expect(abs(x[0][0] - -0.2402530733520421) < 1e-12)
    }

    @Test func adadeltaEpsilonUnderBothRoots() throws {
        // Ed = 0 at first: the step is -sqrt(eps)/sqrt(Eg + eps)*g; eps = 1, rho = 0, g = 1: -1/sqrt(2)
        let rule = OptimizerConfiguration(OptimizerRule(Adadelta().with(\.rho, 0).with(\.epsilon, 1)), learningRate: 1)
        let x = try steps(rule, from: [0], steps: 1, gradient: { _ in [1] })
        let expected: Double = -1 / 2.0.squareRoot()
        #expect(abs(x[0][0] - expected) < 1e-15)
    }

    @Test func floatAndDoubleAgree() throws {
        let rule = OptimizerConfiguration(OptimizerRule(Adam()), learningRate: 0.1)
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
        #expect(throws: OptimizerError.unknownName("adamx")) { try OptimizerKind.parseList("sgd,adamx=0.1") }
        #expect("\(OptimizerError.malformedLearningRate("fast", optimizer: "adam"))" == "learning rate 'fast' of adam is not a number")
        #expect(throws: OptimizerError.malformedLearningRate("fast", optimizer: "adam")) { try OptimizerKind.parseList("adam=fast") }
    }
}
