import Foundation
import Testing
@testable import Optimizers

/// Keras's six schedules at chosen steps, against their formulas written out here.
@Suite struct SchedulesTests {
    @Test func exponentialDecay() {
        let smooth = LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: false)
        let stairs = LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true)
        #expect(smooth.value(at: 0) == 0.1)
        #expect(abs(smooth.value(at: 15) - 0.1 * pow(0.5, 1.5)) < 1e-15)
        #expect(stairs.value(at: 19) == 0.05 && stairs.value(at: 20) == 0.025)
    }

    @Test func piecewiseConstantDecayIncludesEachBoundaryInThePieceBefore() {
        let s = LearningRateSchedule.piecewiseConstantDecay(boundaries: [5, 10], values: [1, 0.5, 0.1])
        #expect([0, 5, 6, 10, 11, 1000].map(s.value(at:)) == [1, 1, 0.5, 0.5, 0.1, 0.1])
    }

    @Test func polynomialDecay() {
        let s = LearningRateSchedule.polynomialDecay(initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2, cycle: false)
        #expect(abs(s.value(at: 4) - ((0.1 - 0.01) * pow(1 - 0.4, 2) + 0.01)) < 1e-15)
        #expect(s.value(at: 10) == 0.01 && s.value(at: 50) == 0.01)
        // cycle: decay_steps stretches to the next multiple of 10 past the step (20 at step 15).
        let c = LearningRateSchedule.polynomialDecay(initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 1, cycle: true)
        #expect(abs(c.value(at: 15) - ((0.1 - 0.01) * (1 - 15.0 / 20) + 0.01)) < 1e-15)
        #expect(c.value(at: 0) == 0.1)
    }

    @Test func inverseTimeDecay() {
        let s = LearningRateSchedule.inverseTimeDecay(initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5, staircase: false)
        #expect(abs(s.value(at: 6) - 0.1 / (1 + 0.5 * 1.5)) < 1e-15)
        let stairs = LearningRateSchedule.inverseTimeDecay(initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5, staircase: true)
        #expect(abs(stairs.value(at: 6) - 0.1 / 1.5) < 1e-15)
    }

    @Test func cosineDecayWithWarmup() {
        let s = LearningRateSchedule.cosineDecay(initialLearningRate: 0, decaySteps: 100, alpha: 0.1, warmupTarget: 1, warmupSteps: 20)
        #expect(s.value(at: 0) == 0)
        #expect(abs(s.value(at: 10) - 0.5) < 1e-15)
        #expect(s.value(at: 20) == 1)
        // Halfway through the decay: 0.9 * 0.5 * (1 + cos(pi/2)) + 0.1 = 0.55; held at alpha after.
        #expect(abs(s.value(at: 70) - 0.55) < 1e-15)
        #expect(abs(s.value(at: 500) - 0.1) < 1e-15)
        let plain = LearningRateSchedule.cosineDecay(initialLearningRate: 2, decaySteps: 10, alpha: 0, warmupTarget: nil, warmupSteps: 0)
        #expect(abs(plain.value(at: 5) - 1) < 1e-15)
    }

    @Test func cosineDecayRestarts() {
        // t_mul 2: periods of 10, 20, 40 steps; the second restart at step 30 peaks at m_mul^2.
        let s = LearningRateSchedule.cosineDecayRestarts(initialLearningRate: 1, firstDecaySteps: 10, tMul: 2, mMul: 0.5, alpha: 0)
        #expect(s.value(at: 0) == 1)
        #expect(abs(s.value(at: 5) - 0.5) < 1e-15)
        #expect(abs(s.value(at: 10) - 0.5) < 1e-12)
        #expect(abs(s.value(at: 20) - 0.5 * 0.5 * (1 + cos(Double.pi * 0.5))) < 1e-12)
        #expect(abs(s.value(at: 30) - 0.25) < 1e-12)
        let even = LearningRateSchedule.cosineDecayRestarts(initialLearningRate: 1, firstDecaySteps: 4, tMul: 1, mMul: 1, alpha: 0.2)
        #expect(abs(even.value(at: 6) - (0.8 * 0.5 * (1 + cos(Double.pi * 0.5)) + 0.2)) < 1e-15)
    }

    /// The optimizer evaluates the schedule at its step count before the step, as Keras does:
    /// the first update uses step 0's rate.
    @Test func theFirstUpdateUsesStepZero() throws {
        let schedule = LearningRateSchedule.piecewiseConstantDecay(boundaries: [0], values: [0.1, 0.01])
        let x = try steps(OptimizerConfiguration(OptimizerRule(SGD()), learningRate: .schedule(schedule)), from: [1], steps: 2, gradient: oneD)
        #expect(abs(x[0][0] - 0.8) < 1e-15)
        #expect(abs(x[1][0] - (0.8 - 0.01 * 1.6)) < 1e-15)
    }

    @Test func badSchedulesAreRefused() {
        #expect(throws: OptimizerError.self) {
            try LearningRateSchedule.exponentialDecay(initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5, staircase: false).validate()
        }
        #expect(throws: OptimizerError.invalidSchedule("PiecewiseConstantDecay needs one more value than boundaries, got 2 boundaries and 2 values")) {
            try LearningRateSchedule.piecewiseConstantDecay(boundaries: [1, 2], values: [1, 2]).validate()
        }
    }
}
