import CommandLineSupport
import FashionMNIST
import Foundation
import Optimizers
import Rendering
import ScenePictures
import Comparison

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

