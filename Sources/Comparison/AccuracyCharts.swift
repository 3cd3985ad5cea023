import FashionMNIST
import Foundation
import Rendering
import ScenePictures

/// The seed's chart: train solid, validation dashed, one colour per optimizer.
public enum AccuracyCharts {
    /// Accuracy against the epoch, the seed's figure (0.6 to 1).
    public static func accuracy(_ histories: [OptimizerHistory], title: String = "Model accuracy comparison between optimizers") -> LineChart {
        chart(histories, title: title, yLabel: "Accuracy",
              train: \.accuracy, validation: \.valAccuracy, yRange: 0.6...1.0, corner: .bottomRight)
    }

    /// Linear as the seed's; logarithmic when the losses span more than two decades (a rule
    /// that diverged would flatten every other line against the axis).
    public static func loss(_ histories: [OptimizerHistory]) -> LineChart {
        var chart = chart(histories, title: "Model loss comparison between optimizers", yLabel: "Loss",
                          train: \.loss, validation: \.valLoss, yRange: nil, corner: .topRight)
        let losses = chart.series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }.filter { $0.isFinite && $0 > 0 }
        if let low = losses.min(), let high = losses.max(), high > 100 * low { chart.logarithmic = true }
        return chart
    }

    /// One solid train and one dashed validation line per optimizer; over several seeds each
    /// line is the mean, over a band from the lowest to the highest seed.
    public static func chart(_ histories: [OptimizerHistory], title: String, yLabel: String,
                      train: KeyPath<EpochRecord, Double>, validation: KeyPath<EpochRecord, Double>,
                      yRange: ClosedRange<Double>?, corner: LegendCorner) -> LineChart {
        let seeds = histories.map(\.runs.count).max() ?? 1
        let series = histories.flatMap { history in
            [("Train", train, false), ("Val", validation, true)].map { prefix, figure, dashed in
                let spread = history.spread(of: figure)
                return LineChart.Series(label: "\(prefix)_\(history.name)", color: PathColors.chart(of: history.name), dashed: dashed,
                                        points: spread.map { (Double($0.epoch), $0.mean) },
                                        band: history.runs.count > 1 ? spread.map { (Double($0.epoch), $0.low, $0.high) } : [])
            }
        }
        let subtitle = seeds > 1 ? " (mean and range of \(seeds) seeds)" : ""
        return LineChart(title: title + subtitle, xLabel: "Epoch", yLabel: yLabel, series: series, yRange: yRange, legendCorner: corner)
    }
}
