import FashionMNIST
import Foundation

/// The protocol's decisions and figures: which trial each optimizer keeps, the target, and
/// how fast each rerun reaches it.
public enum TuningChoice {
    /// The trial with the best final validation accuracy that did not diverge; ties go to the
    /// smaller learning rate, then to the earlier trial. Nil when every trial diverged.
    public static func chosen(_ trials: [TrialRecord]) -> TrialRecord? {
        trials.filter { !$0.diverged && $0.finalAccuracy.isFinite }.min { a, b in
            if a.finalAccuracy != b.finalAccuracy { return a.finalAccuracy > b.finalAccuracy }
            if a.setting.learningRate != b.setting.learningRate { return a.setting.learningRate < b.setting.learningRate }
            return a.trial < b.trial
        }
    }

    /// The default target: 0.5 points below the lowest of the optimizers' median final
    /// validation accuracies, so that every optimizer's typical rerun reaches it — leaving out an
    /// optimizer whose reruns mostly diverged (by the trials' rule), whose chance-level accuracy
    /// would make a target every other optimizer meets at its first epoch.
    public static func defaultTarget(_ finals: [[FinalRecord]]) -> Double {
        let kept = finals.filter { 2 * divergedReruns($0) < $0.count }
        return (kept.map { Statistics.median($0.compactMap { $0.epochs.last?.record.valAccuracy }) }.min() ?? .nan) - 0.005
    }

    /// How many of `runs` diverged by the trials' rule: a training loss no longer finite, or
    /// past 5× the first epoch's (reruns are not stopped for it: they train their epochs).
    public static func divergedReruns(_ runs: [FinalRecord]) -> Int {
        runs.filter { run in
            let history = run.epochs.map(\.record)
            return history.indices.contains { TuningRun.diverged(Array(history[...$0])) }
        }.count
    }

    /// When a rerun first reaches `target` validation accuracy: its epoch, the wall seconds of
    /// its epochs so far, and its steps; nil where it never does.
    public struct Reach: Sendable, Equatable {
        /// The epoch, from 1.
        public let epoch: Double
        /// Wall seconds of training and validation up to and including that epoch.
        public let seconds: Double
        /// Optimizer steps up to the end of that epoch.
        public let steps: Double
    }

    /// The median over `runs` of the first epoch (seconds, steps) at which validation accuracy
    /// reaches `target`; a run that never reaches it counts as later than any, so the median is
    /// nil ("never") when half or more of the runs never do.
    public static func timeToTarget(_ runs: [FinalRecord], target: Double, stepsPerEpoch: Int) -> Reach? {
        let reaches = runs.map { run -> (Double, Double, Double) in
            var seconds = 0.0
            for epoch in run.epochs {
                seconds += epoch.record.seconds
                if epoch.record.valAccuracy >= target {
                    return (Double(epoch.record.epoch), seconds, Double(epoch.record.epoch * stepsPerEpoch))
                }
            }
            return (.infinity, .infinity, .infinity)
        }
        let reach = Reach(epoch: Statistics.median(reaches.map(\.0)), seconds: Statistics.median(reaches.map(\.1)), steps: Statistics.median(reaches.map(\.2)))
        return reach.epoch.isFinite ? reach : nil
    }

    /// Test accuracy at each run's last epoch and at its best-validation epoch (the first with the
    /// highest validation accuracy).
    public static func testAccuracies(_ runs: [FinalRecord]) -> (final: [Double], bestValidation: [Double]) {
        let final = runs.compactMap { $0.epochs.last?.testAccuracy }
        let best = runs.compactMap { run in
            run.epochs.max { a, b in a.record.valAccuracy < b.record.valAccuracy || (a.record.valAccuracy == b.record.valAccuracy && a.record.epoch > b.record.epoch) }?.testAccuracy
        }
        return (final, best)
    }

}
