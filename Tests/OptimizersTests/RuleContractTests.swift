import Foundation
import Testing
@testable import Optimizers

/// What every rule in the registry promises, checked rule by rule from its own description.
@Suite struct RuleContractTests {
    static let entries = OptimizerRule.registry.map(\.name)

    /// Every optimizer class Keras 3 ships (keras.optimizers, 3.15) is registered with Keras provenance.
    @Test func theRegistryIsKerasComplete() {
        let keras: Set = ["SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "AdamW", "Adamax", "Nadam", "Lion", "Lamb",
                          "Adafactor", "Ftrl", "ScheduleFreeAdamW", "Muon"]
        #expect(keras.isSubset(of: OptimizerRule.registry.filter(\.provenance.isKeras).map(\.className)))
        #expect(Set(Self.entries).count == Self.entries.count)
        #expect(OptimizerKind.allCases.count == OptimizerRule.registry.count + 2)
    }

    @Test(arguments: entries)
    func defaultsRoundTripThroughValues(_ name: String) throws {
        let entry = OptimizerRule.entry(named: name)!
        let rule = entry.defaultRule
        #expect(rule.values == entry.defaultValues)
        #expect(try entry.rule(rule.values) == rule)
        #expect(Set(rule.values.keys) == Set(entry.hyperparameters.map(\.key)))
    }

    /// Each hyper-parameter is accepted at its bounds where they are included and refused just
    /// past them, with the key named in the message.
    @Test(arguments: entries)
    func validationFollowsTheDescription(_ name: String) throws {
        let entry = OptimizerRule.entry(named: name)!
        for p in entry.hyperparameters where p.kind != .flag {
            for (bound, included, outward) in [(p.minimum, p.minimumIncluded, -1.0), (p.maximum, p.maximumIncluded, 1.0)] where bound.isFinite {
                let atBound = Result(catching: { try entry.rule([p.key: bound]) })
                if included { #expect((try? atBound.get()) != nil, "\(name).\(p.key) = \(bound)") } else {
                    #expect((try? atBound.get()) == nil, "\(name).\(p.key) = \(bound)")
                }
                let past = bound + outward * max(1, abs(bound)) * 1e-3
                #expect(throws: OptimizerError.invalidHyperparameter(name: p.key, value: past, allowed: p.allowed)) { try entry.rule([p.key: past]) }
            }
            #expect(throws: OptimizerError.self) { try entry.rule([p.key: .nan]) }
        }
        #expect(throws: OptimizerError.unknownHyperparameter("no_such_key", optimizer: name)) { try entry.rule(["no_such_key": 1]) }
    }

    @Test(arguments: entries)
    func kerasFieldsReadBack(_ name: String) throws {
        let entry = OptimizerRule.entry(named: name)!
        var configuration = OptimizerConfiguration(entry.defaultRule, learningRate: .schedule(
            .cosineDecay(initialLearningRate: 0, decaySteps: 50, alpha: 0.1, warmupTarget: 0.01, warmupSteps: 5)),
            clipping: .globalNorm(2), weightDecay: 0.01, movingAverage: MovingAverage(momentum: 0.9, overwriteFrequency: 3))
        var fields = configuration.kerasFields
        fields["optimizer"] = name
        let json = try JSONSerialization.data(withJSONObject: fields)
        let read = try OptimizerConfiguration.keras(try JSONSerialization.jsonObject(with: json) as! [String: Any])
        #expect(read.configuration == configuration)
        configuration.movingAverage = nil
        let serialised: [String: Any] = ["module": "keras.optimizers", "class_name": entry.className, "registered_name": NSNull(),
                                         "config": configuration.kerasFields.merging(["name": name, "loss_scale_factor": NSNull(),
                                                                                      "gradient_accumulation_steps": NSNull(),
                                                                                      "use_ema": false, "ema_momentum": 0.99,
                                                                                      "ema_overwrite_frequency": NSNull()]) { $1 }]
        #expect(try OptimizerConfiguration.keras(serialised).configuration == configuration)
    }

    @Test(arguments: entries)
    func floatAndDoubleAgreeOnAPoint(_ name: String) throws {
        let configuration = OptimizerConfiguration(OptimizerRule.entry(named: name)!.defaultRule, learningRate: 0.01)
        let double = try steps(configuration, from: [1, -0.5], steps: 5, gradient: twoD)
        let optimizer = try Optimizer<Float>(configuration)
        var theta: [Float] = [1, -0.5]
        for _ in 0..<5 { try optimizer.update(parameters: &theta, gradients: [2 * theta[0], 20 * theta[1]]) }
        #expect(abs(Double(theta[0]) - double[4][0]) < 1e-4 && abs(Double(theta[1]) - double[4][1]) < 1e-4)
    }

    @Test func whatKerasWritesButDescentCannotHonourIsNamed() {
        let cases: [([String: Any], String)] = [
            (["optimizer": "adam", "loss_scale_factor": 128], "loss_scale_factor of optimizer adam: loss scaling is not supported: use null"),
            (["optimizer": "adam", "gradient_accumulation_steps": 4],
             "gradient_accumulation_steps of optimizer adam: gradient accumulation is not supported: use null"),
            (["optimizer": "sgd", "clipnorm": 1, "clipvalue": 1], "optimizer sgd: only one of clipnorm, clipvalue and global_clipnorm can be set"),
            (["class_name": "Adamw", "config": [:]], "unknown optimizer class 'Adamw': choose one of " + OptimizerRule.registry.map(\.className).joined(separator: ", ")),
            (["optimizer": "adam", "learning_rate": ["class_name": "OneCycle", "config": [:]]],
             "unknown learning_rate schedule 'OneCycle': choose one of ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts"),
            (["optimizer": "adam", "learning_rate": ["class_name": "CosineDecay", "config": ["initial_learning_rate": 0.1]]],
             "schedule CosineDecay needs decay_steps"),
            (["optimizer": "lion", "beta_1": 0], "invalid beta_1 0.0: must be in (0, 1]"),
            (["optimizer": "adam", "momentum": 0.9], "optimizer adam has no key 'momentum' (known: learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency)"),
        ]
        for (object, message) in cases {
            #expect(throws: (any Error).self) { _ = try OptimizerConfiguration.keras(object) }
            do {
                _ = try OptimizerConfiguration.keras(object)
            } catch {
                #expect("\(error)" == message)
            }
        }
    }
}
