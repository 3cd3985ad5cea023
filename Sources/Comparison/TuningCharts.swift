import FashionMNIST
import Foundation
import Optimizers
import Rendering
import ScenePictures

/// The comparison's pictures, in the seed chart's style and colours.
public enum TuningCharts {
    /// Final validation accuracy of every trial against its learning rate (log axis): a line
    /// per optimizer, diverged trials as crosses along the bottom, the Keras default ringed and
    /// the chosen trial starred.
    public static func sensitivity(_ trials: [[TrialRecord]], trialEpochs: Int) -> LineChart {
        let finished = trials.joined().filter { !$0.diverged && $0.finalAccuracy.isFinite }.map(\.finalAccuracy)
        let low = max(0, (finished.min() ?? 0) - 0.03), high = min(1, (finished.max() ?? 1) + 0.02)
        let bottom = low + 0.03 * (high - low)
        let series = trials.flatMap { records -> [LineChart.Series] in
            guard let name = records.first?.optimizer else { return [] }
            let color = PathColors.chart(of: name)
            let kept = records.filter { !$0.diverged }.sorted { $0.setting.learningRate < $1.setting.learningRate }
            let point = { (r: TrialRecord) in (x: r.setting.learningRate, y: r.diverged ? bottom : r.finalAccuracy) }
            let label = (try? OptimizerKind(named: name).displayName) ?? name
            let marks = { (points: [TrialRecord], marker: ChartMarker) in
                LineChart.Series(label: "", color: color, points: points.map(point), marker: marker, joined: false, inLegend: false)
            }
            // The ring last, around the star when the default is the choice.
            return [LineChart.Series(label: label, color: color, points: kept.map(point), marker: .dot),
                    marks(records.filter(\.diverged), .cross), marks(TuningChoice.chosen(records).map { [$0] } ?? [], .star),
                    marks(records.filter(\.isDefault), .ring)]
        }
        var chart = LineChart(title: "Validation accuracy after \(trialEpochs) epochs against the learning rate",
                              xLabel: "Learning rate (ring: Keras default, star: chosen, cross: diverged)", yLabel: "Validation accuracy",
                              series: series, yRange: low...high, logarithmicX: true)
        chart.legendOutside = true
        return chart
    }

    /// The seed's chart for the reruns: train solid, validation dashed, mean over the seeds
    /// with their min–max band.
    public static func tunedAccuracy(_ finals: [[FinalRecord]]) -> LineChart {
        AccuracyCharts.accuracy(histories(finals), title: "Tuned optimizers: accuracy")
    }

    /// The reruns as the seed's histories (validation figures in `valAccuracy`).
    static func histories(_ finals: [[FinalRecord]]) -> [OptimizerHistory] {
        finals.compactMap { runs in
            runs.first.map { OptimizerHistory(name: $0.optimizer, runs: runs.map { ($0.seed, $0.epochs.map(\.record)) }) }
        }
    }

    /// Validation accuracy against wall seconds, both the median over seeds at each epoch, and
    /// the target as a grey dashed line; the axis starts 10 points below the target.
    public static func timeToTarget(_ finals: [[FinalRecord]], target: Double) -> LineChart {
        var series = finals.compactMap { runs -> LineChart.Series? in
            guard let name = runs.first?.optimizer else { return nil }
            let epochs = runs.map(\.epochs.count).min() ?? 0
            let points = (0..<epochs).map { e in
                (x: Statistics.median(runs.map { $0.epochs[...e].reduce(0) { $0 + $1.record.seconds } }),
                 y: Statistics.median(runs.map { $0.epochs[e].record.valAccuracy }))
            }
            return LineChart.Series(label: (try? OptimizerKind(named: name).displayName) ?? name, color: PathColors.chart(of: name), points: points)
        }
        let end = series.flatMap { $0.points.map(\.x) }.max() ?? 1
        series.append(LineChart.Series(label: String(format: "target %.2f %%", 100 * target), color: .gray, dashed: true,
                                       points: [(0, target), (end, target)]))
        // From 10 points below the target: a rerun that collapses leaves by the bottom edge.
        let accuracies = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let low = max(0, target - 0.1), high = min(1, max((accuracies.max() ?? 1) + 0.01, target + 0.01))
        var chart = LineChart(title: "Validation accuracy against time (median over seeds)", xLabel: "Seconds of training",
                              yLabel: "Validation accuracy", series: series, yRange: low...high)
        chart.legendOutside = true
        return chart
    }
}
