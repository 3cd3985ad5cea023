import Foundation
import Testing
@testable import Optimizers

/// What Keras's base optimizer does around every rule: clipping, weight decay, moving average.
@Suite struct BaseOptimizerTests {
    @Test func clipnormScalesEachVariableToTheNorm() throws {
        // Two variables; g = (3, 4 | 0.1): the first has norm 5 -> scaled to norm 1, the second is under.
        let variables = try OptimizerVariable.tiling([("a", [2]), ("b", [1])])
        let sgd = try Optimizer<Double>(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 1, clipping: .norm(1)), variables: variables)
        var p = [0.0, 0.0, 0.0]
        try sgd.update(parameters: &p, gradients: [3, 4, 0.1])
        #expect(close([p], [[-0.6, -0.8, -0.1]]))
    }

    @Test func globalClipnormScalesAllTogether() throws {
        let variables = try OptimizerVariable.tiling([("a", [2]), ("b", [1])])
        let sgd = try Optimizer<Double>(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 1, clipping: .globalNorm(6.5)), variables: variables)
        var p = [0.0, 0.0, 0.0]
        // |(3, 4, 12)| = 13: every component halves.
        try sgd.update(parameters: &p, gradients: [3, 4, 12])
        #expect(close([p], [[-1.5, -2, -6]]))
    }

    @Test func clipvalueClampsEachComponent() throws {
        let x = try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 1, clipping: .value(0.5)), from: [1, -0.5], steps: 1,
                          gradient: twoD)
        #expect(x == [[0.5, 0]])
    }

    @Test func weightDecayUsesTheScheduledRate() throws {
        // SGD, wd 0.5, lr 0.1 then 0.01: x1 = 1 - 1*0.05 - 0.1*2 = 0.75; x2 = 0.75*(1 - 0.005) - 0.01*1.5.
        let schedule = LearningRateSchedule.piecewiseConstantDecay(boundaries: [0], values: [0.1, 0.01])
        let x = try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: .schedule(schedule), weightDecay: 0.5), from: [1], steps: 2,
                          gradient: oneD)
        #expect(close(x, [[0.75], [0.75 * 0.995 - 0.015]]))
    }

    @Test func movingAverageAndOverwrite() throws {
        // SGD lr 0.1 on x^2: x_k = 0.8^k. The average copies x1, then a = 0.5 a + 0.5 x;
        // every second step x becomes the average.
        let configuration = OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.1,
                                                   movingAverage: MovingAverage(momentum: 0.5, overwriteFrequency: 2))
        let optimizer = try Optimizer<Double>(configuration)
        var x = [1.0]
        try optimizer.update(parameters: &x, gradients: oneD(x))
        #expect(x == [0.8] && optimizer.movingAverage == [0.8])
        try optimizer.update(parameters: &x, gradients: oneD(x))
        // x = 0.64, average = 0.5*0.8 + 0.5*0.64 = 0.72, and step 2 overwrites x with it.
        #expect(abs(x[0] - 0.72) < 1e-15 && abs(optimizer.movingAverage![0] - 0.72) < 1e-15)
    }

    @Test func theKerasOrderIsClipDecayUpdate() throws {
        // clipvalue 1 on g = 4 (x = 2), then decay 0.1*0.5, then SGD: 2 - 2*0.05 - 0.5*1 = 1.4
        let x = try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.5, clipping: .value(1), weightDecay: 0.1), from: [2], steps: 1,
                          gradient: oneD)
        #expect(abs(x[0][0] - 1.4) < 1e-15)
    }

    @Test func piecesNeedAnElementwiseRule() throws {
        #expect(try Optimizer<Float>(.adam).updatesInPieces)
        #expect(try Optimizer<Float>(OptimizerConfiguration(OptimizerRule(Adam()), clipping: .value(1))).updatesInPieces)
        #expect(!(try Optimizer<Float>(OptimizerConfiguration(OptimizerRule(Adam()), clipping: .norm(1))).updatesInPieces))
        #expect(!(try Optimizer<Float>(.lamb)).updatesInPieces)
    }

    @Test(arguments: [OptimizerKind.lamb, .adafactor])
    func largeVariablesStepTogetherAsTheyWouldApart(_ kind: OptimizerKind) throws {
        // Past the parallel threshold the variables are stepped on several threads; each must come
        // out as an optimizer holding it alone makes it, bit for bit (wd makes the decay count too).
        let shapes: [(String, [Int])] = [("kernel", [300, 250]), ("bias", [250]), ("kernel_1", [250, 40])]
        let variables = try OptimizerVariable.tiling(shapes)
        let n = variables.last!.range.upperBound
        let parameters = (0..<n).map { Float(($0 * 37) % 101) * 0.01 - 0.5 }
        let gradients = (0..<n).map { Float(($0 * 53) % 89) * 0.001 - 0.04 }
        let configuration = OptimizerConfiguration(kind.defaultRule, learningRate: 0.01, weightDecay: 0.1)
        let together = try Optimizer<Float>(configuration, variables: variables)
        var all = parameters
        for _ in 0..<3 { try together.update(parameters: &all, gradients: gradients) }
        for (variable, (name, shape)) in zip(variables, shapes) {
            let alone = try Optimizer<Float>(configuration, variables: [try OptimizerVariable(name: name, shape: shape, range: 0..<variable.range.count)])
            var part = Array(parameters[variable.range])
            for _ in 0..<3 { try alone.update(parameters: &part, gradients: Array(gradients[variable.range])) }
            #expect(part == Array(all[variable.range]), "\(name)")
        }
    }
}
