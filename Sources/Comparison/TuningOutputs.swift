import FashionMNIST
import Foundation
import Optimizers

/// The comparison's files and printed table, from the trial and rerun records.
public struct TuningOutputs {
    /// Each optimizer's trials, in the plan's order.
    public let trials: [[TrialRecord]]
    /// Each optimizer's reruns (empty before they run).
    public let finals: [[FinalRecord]]
    /// The plan they belong to.
    public let plan: TuningPlan
    /// The validation accuracy reruns race to.
    public let target: Double
    /// Steps in one epoch of the training split.
    public let stepsPerEpoch: Int

    /// The chosen trial of every optimizer.
    public var chosen: [TrialRecord] { trials.compactMap(TuningChoice.chosen) }

    /// `optimizer,trial,learning_rate,<space keys>,epoch,val_accuracy,val_loss,seconds,status`, a row per trial epoch.
    public var trialsCSV: String {
        let keys = plan.space?.dimensions.map(\.key) ?? []
        var lines = [(["optimizer", "trial", "learning_rate"] + keys + ["epoch", "val_accuracy", "val_loss", "seconds", "status"]).joined(separator: ",")]
        for record in trials.joined() {
            let values = keys.map { record.setting.values[$0].map { "\($0)" } ?? "" }
            for epoch in record.epochs {
                lines.append(([record.optimizer, "\(record.trial)", "\(record.setting.learningRate)"] + values
                    + ["\(epoch.epoch)", "\(epoch.valAccuracy)", "\(epoch.valLoss)", "\(epoch.seconds)", record.diverged ? "diverged" : "completed"])
                    .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `optimizer,setting,seed,epoch,accuracy,loss,val_accuracy,val_loss,test_accuracy,test_loss,seconds`, a row per rerun epoch.
    public var finalsCSV: String {
        var lines = ["optimizer,setting,seed,epoch,accuracy,loss,val_accuracy,val_loss,test_accuracy,test_loss,seconds"]
        for run in finals.joined() {
            for e in run.epochs {
                let r = e.record
                lines.append("\(run.optimizer),\(run.setting.description),\(run.seed),\(r.epoch),\(r.accuracy),\(r.loss),\(r.valAccuracy),"
                    + "\(r.valLoss),\(e.testAccuracy),\(e.testLoss),\(r.seconds)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One optimizer's row of the summary.
    public struct Row {
        /// The optimizer's name.
        public let optimizer: String
        /// Its trial at Keras's default setting, and the trial chosen.
        public let defaultTrial: TrialRecord?, chosen: TrialRecord?
        /// How many trials it had, and how many of them diverged.
        public let trials: Int, diverged: Int
        /// How many of its reruns diverged (by the trials' rule), of how many.
        public let rerunsDiverged: Int, reruns: Int
        /// The median over seeds of the reruns' final validation accuracy.
        public let finalValidation: Double
        /// Test accuracy after the last epoch and at the best-validation epoch: mean and sample std over seeds.
        public let test: (mean: Double, standardDeviation: Double), bestValidationTest: (mean: Double, standardDeviation: Double)
        /// The median time to the target; nil: never.
        public let reach: TuningChoice.Reach?
    }

    /// The summary's rows, in the plan's order.
    public var rows: [Row] {
        zip(trials, plan.optimizers).map { records, kind in
            let runs = finals.first { $0.first?.optimizer == kind.name } ?? []
            let tests = TuningChoice.testAccuracies(runs)
            return Row(optimizer: kind.name, defaultTrial: records.first(where: \.isDefault), chosen: TuningChoice.chosen(records),
                       trials: records.count, diverged: records.filter(\.diverged).count,
                       rerunsDiverged: TuningChoice.divergedReruns(runs), reruns: runs.count,
                       finalValidation: Statistics.median(runs.compactMap { $0.epochs.last?.record.valAccuracy }),
                       test: Statistics.meanAndDeviation(tests.final), bestValidationTest: Statistics.meanAndDeviation(tests.bestValidation),
                       reach: TuningChoice.timeToTarget(runs, target: target, stepsPerEpoch: stepsPerEpoch))
        }
    }

    /// A row per optimizer: its default and chosen trials, the reruns' test accuracy (mean and
    /// sample std over seeds), and its median time to the target.
    public var summaryCSV: String {
        var lines = ["optimizer,default_learning_rate,default_val_accuracy,default_status,chosen_setting,chosen_val_accuracy,trials,diverged,reruns_diverged,"
            + "final_val_accuracy_median,test_accuracy_mean,test_accuracy_std,best_val_test_accuracy_mean,best_val_test_accuracy_std,"
            + "target,epochs_to_target,seconds_to_target,steps_to_target"]
        for row in rows {
            let status = row.defaultTrial.map { $0.diverged ? "diverged" : "completed" } ?? ""
            let reach = row.reach.map { ["\($0.epoch)", "\($0.seconds)", "\($0.steps)"] } ?? ["never", "never", "never"]
            lines.append(([row.optimizer, row.defaultTrial.map { "\($0.setting.learningRate)" } ?? "", row.defaultTrial.map { "\($0.finalAccuracy)" } ?? "",
                           status, row.chosen?.setting.description ?? "", row.chosen.map { "\($0.finalAccuracy)" } ?? "", "\(row.trials)",
                           "\(row.diverged)", "\(row.rerunsDiverged)", "\(row.finalValidation)", "\(row.test.mean)", "\(row.test.standardDeviation)",
                           "\(row.bestValidationTest.mean)", "\(row.bestValidationTest.standardDeviation)", "\(target)"] + reach).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The chosen settings as `mnist-compare train --optimizers-file` reads them.
    public var tunedOptimizersJSON: Data {
        let entries = zip(trials, plan.optimizers).compactMap { records, kind in TuningChoice.chosen(records)?.setting.entry(for: kind) }
        return (try? JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }

    /// The printed table: default against tuned on the same budget, then the reruns.
    public var table: [String] {
        let seeds = plan.finalSeeds
        let widths = [17, 16, 26, 6, 30, 16]
        func line(_ cells: [String]) -> String {
            zip(cells, widths + [0]).map { cell, width in cell.padding(toLength: max(width, cell.count), withPad: " ", startingAt: 0) }
                .joined(separator: " ")
        }
        var lines = [line(["optimizer", "default: rate, val", "chosen: setting, val", "div.", "test, last epoch", "test, best val", "to target"])]
        for row in rows {
            let name = (try? OptimizerKind(named: row.optimizer).displayName) ?? row.optimizer
            let defaultText = row.defaultTrial.map {
                String(format: "%g, %@", $0.setting.learningRate, $0.diverged ? "diverged" : String(format: "%.2f", 100 * $0.finalAccuracy))
            } ?? "-"
            let chosenText = row.chosen.map { String(format: "%@, %.2f", $0.setting.description.replacingOccurrences(of: "learning_rate=", with: ""), 100 * $0.finalAccuracy) } ?? "every trial diverged"
            var test = row.test.mean.isFinite ? String(format: "%.2f ± %.2f", 100 * row.test.mean, 100 * row.test.standardDeviation) : "-"
            if row.rerunsDiverged > 0 { test += " (\(row.rerunsDiverged)/\(row.reruns) diverged)" }
            let best = row.bestValidationTest.mean.isFinite
                ? String(format: "%.2f ± %.2f", 100 * row.bestValidationTest.mean, 100 * row.bestValidationTest.standardDeviation) : "-"
            let reach = finals.isEmpty ? "-" : row.reach.map { String(format: "epoch %g, %.1f s", $0.epoch, $0.seconds) } ?? "never"
            lines.append(line([name, defaultText, chosenText, "\(row.diverged)/\(row.trials)", test, best, reach]))
        }
        if !finals.isEmpty {
            lines.append(String(format: "accuracies in %%; test: mean ± sample std over %d seed%@ of %d epochs; target: validation accuracy %.2f %%",
                                seeds, seeds == 1 ? "" : "s", plan.finalEpochs, 100 * target))
        }
        return lines
    }
}
