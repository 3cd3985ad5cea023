import Testing
@testable import Optimizers

/// Each rule's `stabilityLimit` is where its step on a quadratic turns from shrinking to growing:
/// on `½hx²` with the preconditioner held (nearly) fixed by the hyper-parameters (a huge epsilon
/// or starting accumulator, `beta_2` or `rho` 0), a curvature 10 % under the limit converges and
/// one 10 % over it diverges; and `inversePreconditioner` is the scale the step used.
@Suite struct StabilityLimitTests {
    /// A rule set up so that `P⁻¹` stays near `inverse` while the gradient stays small.
    struct Case: CustomTestStringConvertible {
        let kind: OptimizerKind, values: HyperparameterValues, inverse: Double
        var testDescription: String { "\(kind.name) \(values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }
    }

    static let cases = [
        Case(kind: .sgd, values: [:], inverse: 1),
        Case(kind: .sgd, values: ["momentum": 0.9], inverse: 1),
        Case(kind: .sgd, values: ["momentum": 0.9, "nesterov": 1], inverse: 1),
        Case(kind: .rmsprop, values: ["rho": 0, "epsilon": 1e12], inverse: 1e-6),
        Case(kind: .rmsprop, values: ["rho": 0, "epsilon": 1e12, "momentum": 0.5], inverse: 1e-6),
        Case(kind: .adagrad, values: ["initial_accumulator_value": 1e12], inverse: 1e-6),
        Case(kind: .adam, values: ["beta_2": 0, "epsilon": 1e6], inverse: 1e-6),
        Case(kind: .adam, values: ["beta_1": 0.5, "beta_2": 0, "epsilon": 1e6], inverse: 1e-6),
        Case(kind: .adamw, values: ["beta_2": 0, "epsilon": 1e6], inverse: 1e-6),
        Case(kind: .adamax, values: ["beta_2": 0, "epsilon": 1e6], inverse: 1e-6),
    ]

    /// |x| after 3,000 steps from x = 1e-20 on `½hx²`, `lr·h·P⁻¹ = ratio · limit`, over 1e-20
    /// (stopped once it has grown 1e14 times); and the optimizer's `P⁻¹` at the end. The start
    /// is tiny because Adam's bias correction swings x by up to 1e12 before it settles.
    static func growth(_ c: Case, ratio: Double) throws -> (growth: Double, inverse: Double?) {
        let rule = try c.kind.defaultRule.entry.rule(c.kind.defaultRule.values.merging(c.values) { $1 })
        let lr = 0.001, limit = try #require(rule.base.stabilityLimit)
        let h = ratio * limit / (lr * c.inverse), start = 1e-20
        let optimizer = try Optimizer<Double>(OptimizerConfiguration(rule, learningRate: .constant(lr)))
        var x = [start]
        for _ in 0..<3000 where abs(x[0]) < 1e14 * start {
            try optimizer.update(parameters: &x, gradients: [h * x[0]])
        }
        return (abs(x[0]) / start, optimizer.inversePreconditioner?[0])
    }

    @Test(arguments: cases) func underTheLimitConverges(_ c: Case) throws {
        let (growth, inverse) = try Self.growth(c, ratio: 0.9)
        #expect(growth < 1e-2)
        if c.inverse != 1 { #expect(abs(try #require(inverse) / c.inverse - 1) < 1e-3) }
    }

    @Test(arguments: cases) func overTheLimitDiverges(_ c: Case) throws {
        #expect(try Self.growth(c, ratio: 1.1).growth > 1e12)
    }

    @Test func limitsAtKerasDefaults() throws {
        let limits = try [OptimizerKind.sgd, .rmsprop, .adagrad, .adam, .adamw, .adamax, .nadam, .lion].map { kind in
            try kind.defaultRule.entry.rule(kind.defaultRule.values).base.stabilityLimit
        }
        #expect(limits.map { $0.map { ($0 * 1e9).rounded() / 1e9 } } == [2, 2, 2, 38, 38, 38, nil, nil])
        #expect(try Optimizer<Float>(.sgd).inversePreconditioner == nil)
    }
}
