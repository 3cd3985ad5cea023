import FashionMNIST
import Foundation
import Rendering
import ScenePictures

/// Around each optimizer's final weights: the loss over a plane of two filter-normalised random
/// directions (Li et al.'s sharp-vs-flat comparison, `minima.png` as small multiples on one
/// colour scale, `minima.csv`), and the loss along straight lines from the initial weights to
/// each final weight set and between each pair of them (`lines.png`, `lines.csv`).
public struct LandscapeMinima {
    let runs: LandscapeRuns
    let probe: LossProbe
    /// Points per side of each plane around a minimum, over [-1, 1]; 0 skips them.
    let side: Int
    /// Points per line, over t in [-0.25, 1.25]; 0 skips them.
    let linePoints: Int
    let size: PictureSize

    func write(in folder: URL, save: (Data, URL) throws -> Void) throws {
        if side > 0 { try around(folder, save) }
        if linePoints > 0 { try lines(folder, save) }
    }

    private func around(_ folder: URL, _ save: (Data, URL) throws -> Void) throws {
        let grids = runs.runs.map { run in
            // One seed for every optimizer's directions: the same random draw, scaled to each.
            let plane = LossPlane.filterNormalised(around: run.final, sizes: runs.sizes, seed: 1)
            var grid = LandscapeGrid(columns: side, rows: side, a: -1...1, b: -1...1)
            grid.compute(rows: 0..<side, on: plane, with: probe)
            return grid
        }
        var csv = ["optimizer,alpha,beta,loss,accuracy"]
        for (run, grid) in zip(runs.runs, grids) {
            for j in 0..<side {
                for i in 0..<side {
                    let k = j * side + i
                    csv.append("\(run.optimizer.name),\(grid.a(column: i)),\(grid.b(row: j)),\(grid.loss[k] ?? .nan),\(grid.accuracy[k] ?? .nan)")
                }
            }
        }
        try save(Data((csv.joined(separator: "\n") + "\n").utf8), folder.appendingPathComponent("minima.csv"))
        // One colour scale: log10 of the loss over every panel.
        let shown = grids.map { grid in
            LandscapePicture.field(of: grid)
        }
        let low = shown.map(\.range.lowerBound).min()!, high = shown.map(\.range.upperBound).max()!
        let columns = min(runs.runs.count, 2), rows = (runs.runs.count + columns - 1) / columns
        let panel = min(size.width / columns, (size.height - 60) / rows)
        let canvas = try Canvas(width: panel * columns, height: panel * rows + 60)
        canvas.text("Loss around each optimizer's final weights: two random filter-normalised directions",
                    at: PixelPoint(Double(canvas.width) / 2, 26), size: 16, anchor: .center, bold: true)
        canvas.text(String(format: "one colour scale for all: log10 of the loss from %.2f (dark, loss %.3g) to %.2f (yellow, loss %.3g)",
                           low, pow(10, low), high, pow(10, high)),
                    at: PixelPoint(Double(canvas.width) / 2, 48), size: 12, color: .darkGray, anchor: .center)
        for (k, (run, field)) in zip(runs.runs, shown).enumerated() {
            var plot = TrajectoryPlot(title: run.optimizer.displayName, field: field, minima: [(0, 0)], paths: [])
            plot.colorRange = low...high
            plot.xLabel = "direction 1"
            plot.yLabel = "direction 2"
            canvas.draw(try plot.background(width: panel, height: panel), x: Double(k % columns * panel), y: Double(60 + k / columns * panel))
        }
        try save(try canvas.pngData(fast: false), folder.appendingPathComponent("minima.png"))
    }

    private func lines(_ folder: URL, _ save: (Data, URL) throws -> Void) throws {
        let names = runs.runs.map(\.optimizer.displayName)
        var ends: [(from: String, to: String, a: [Float], b: [Float], color: Color, dashed: Bool)] = runs.runs.map { run in
            ("initial", run.optimizer.displayName, runs.origin, run.final, PathColors.color(of: run.optimizer.name), false)
        }
        for i in runs.runs.indices {
            for j in runs.runs.indices where j > i {
                ends.append((names[i], names[j], runs.runs[i].final, runs.runs[j].final,
                             PathColors.color(of: runs.runs[i].optimizer.name).mixed(with: PathColors.color(of: runs.runs[j].optimizer.name), 0.5), true))
            }
        }
        let ts = (0..<linePoints).map { -0.25 + 1.5 * Double($0) / Double(max(linePoints - 1, 1)) }
        let weights = UnsafeMutableBufferPointer<Float>.allocate(capacity: runs.origin.count)
        defer { weights.deallocate() }
        var csv = ["from,to,t,loss,accuracy"], series: [LineChart.Series] = []
        for line in ends {
            let losses = ts.map { t in
                for k in 0..<weights.count { weights[k] = Float((1 - t) * Double(line.a[k]) + t * Double(line.b[k])) }
                let score = probe.evaluate(UnsafeBufferPointer(weights))
                csv.append("\(line.from),\(line.to),\(t),\(score.loss),\(score.accuracy)")
                return score.loss
            }
            series.append(.init(label: "\(line.from) → \(line.to)", color: StepChart.visible(line.color), dashed: line.dashed,
                                points: zip(ts, losses).map { ($0, $1) }))
        }
        try save(Data((csv.joined(separator: "\n") + "\n").utf8), folder.appendingPathComponent("lines.csv"))
        let all = series.flatMap { $0.points.map(\.y) }.filter { $0.isFinite && $0 > 0 }
        let chart = LineChart(title: "Loss along straight lines between weight sets (t = 0 at the first, 1 at the second)",
                              xLabel: "t", yLabel: "loss", series: series, legendCorner: .topRight,
                              logarithmic: (all.max() ?? 1) > 100 * (all.min() ?? 1))
        try save(try chart.render(width: size.width, height: max(size.height * 2 / 3, 240)).pngData(fast: false),
                 folder.appendingPathComponent("lines.png"))
    }
}
