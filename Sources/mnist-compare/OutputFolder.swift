import CommandLineSupport
import FashionMNIST
import Foundation
import Optimizers
import Rendering
import ScenePictures

/// The output folder: checkpoints, history files and charts.
struct OutputFolder {
    let url: URL

    /// Creates the folder if needed and checks that it can be written.
    init(_ path: String) throws {
        url = URL(fileURLWithPath: path)
        try prepareOutputFolder(url)
    }

    func checkpoint(for configuration: RunConfiguration) -> URL {
        url.appendingPathComponent("checkpoint-\(configuration.optimizer.name)-seed\(configuration.seed).bin")
    }

    func writeHistory(_ histories: [OptimizerHistory]) throws {
        try HistoryFiles.json(histories).write(to: url.appendingPathComponent("history.json"), options: .atomic)
        try Data(HistoryFiles.csv(histories).utf8).write(to: url.appendingPathComponent("history.csv"), options: .atomic)
    }

    /// `accuracy.png` like the seed's figure, and the matching `loss.png`.
    func writeCharts(_ histories: [OptimizerHistory]) throws {
        try AccuracyCharts.accuracy(histories).render().writePNG(to: url.appendingPathComponent("accuracy.png"), fast: false)
        try AccuracyCharts.loss(histories).render().writePNG(to: url.appendingPathComponent("loss.png"), fast: false)
    }
}

/// The seed's chart: train solid, validation dashed, one colour per optimizer.
enum AccuracyCharts {
    /// The seed's colours (red sgd, green adam, blue adagrad, magenta rmsprop); every other rule
    /// its path colour, as the loss panel and the explorer's chart show it on white.
    static func color(_ name: String) -> Color {
        switch name {
        case "sgd": .red
        case "adam": .green
        case "adagrad": .blue
        case "rmsprop": .magenta
        default: StepChart.visible(PathColors.color(of: name))
        }
    }

    static func accuracy(_ histories: [OptimizerHistory]) -> LineChart {
        chart(histories, title: "Model accuracy comparison between optimizers", yLabel: "Accuracy",
              train: \.accuracy, validation: \.valAccuracy, yRange: 0.6...1.0, corner: .bottomRight)
    }

    /// Linear as the seed's; logarithmic when the losses span more than two decades (a rule
    /// that diverged would flatten every other line against the axis).
    static func loss(_ histories: [OptimizerHistory]) -> LineChart {
        var chart = chart(histories, title: "Model loss comparison between optimizers", yLabel: "Loss",
                          train: \.loss, validation: \.valLoss, yRange: nil, corner: .topRight)
        let losses = chart.series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }.filter { $0.isFinite && $0 > 0 }
        if let low = losses.min(), let high = losses.max(), high > 100 * low { chart.logarithmic = true }
        return chart
    }

    /// One solid train and one dashed validation line per optimizer; over several seeds each
    /// line is the mean, over a band from the lowest to the highest seed.
    static func chart(_ histories: [OptimizerHistory], title: String, yLabel: String,
                      train: KeyPath<EpochRecord, Double>, validation: KeyPath<EpochRecord, Double>,
                      yRange: ClosedRange<Double>?, corner: LegendCorner) -> LineChart {
        let seeds = histories.map(\.runs.count).max() ?? 1
        let series = histories.flatMap { history in
            [("Train", train, false), ("Val", validation, true)].map { prefix, figure, dashed in
                let spread = history.spread(of: figure)
                return LineChart.Series(label: "\(prefix)_\(history.name)", color: color(history.name), dashed: dashed,
                                        points: spread.map { (Double($0.epoch), $0.mean) },
                                        band: history.runs.count > 1 ? spread.map { (Double($0.epoch), $0.low, $0.high) } : [])
            }
        }
        let subtitle = seeds > 1 ? " (mean and range of \(seeds) seeds)" : ""
        return LineChart(title: title + subtitle, xLabel: "Epoch", yLabel: yLabel, series: series, yRange: yRange, legendCorner: corner)
    }
}
