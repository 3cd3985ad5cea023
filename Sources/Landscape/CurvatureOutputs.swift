import FashionMNIST
import Foundation
import Optimizers
import Rendering
import ScenePictures

/// What `curvature` writes from its records: `sharpness.csv` and `sharpness.png` (each path's
/// sharpness against the step, with each rule's stability threshold dashed in its colour),
/// `minima-curvature.csv` and `minima-slices.png` (top eigenvalues, trace and the loss along the
/// top eigenvector at each final minimum), `barriers.csv` and `barriers.png` (the barrier
/// between every pair of minima before and after alignment; with another seed's minima,
/// `barriers-seeds.png` too), and a printed summary.
struct CurvatureOutputs {
    let paths: [[PathCurvature]], minima: [MinimumCurvature], barriers: [BarrierPair]
    /// The barriers to another seed's minima (empty without one), and its optimizers' names.
    let versus: [BarrierPair], versusNames: [(name: String, display: String)]
    /// Each optimizer's name and the name charts show.
    let names: [(name: String, display: String)]
    let settings: CurvatureSettings
    let size: PictureSize

    /// The outputs of every record of `items`, which must all be there.
    init(records: CurvatureRecords, runs: LandscapeRuns, items: [CurvatureItem], size: PictureSize) throws {
        var paths = runs.runs.map { _ in [PathCurvature]() }, minima: [MinimumCurvature] = [], barriers: [BarrierPair] = []
        let index = Dictionary(uniqueKeysWithValues: runs.runs.enumerated().map { ($1.optimizer.name, $0) })
        for item in items {
            let missing = LandscapeError("no record of \(item.name(seed: records.seed)) in \(records.folder.path)")
            switch item {
            case let .path(name, _): paths[index[name]!].append(try records.read(item, as: PathCurvature.self) ?? { throw missing }())
            case .minimum: minima.append(try records.read(item, as: MinimumCurvature.self) ?? { throw missing }())
            case .barrier: barriers.append(try records.read(item, as: BarrierPair.self) ?? { throw missing }())
            }
        }
        (self.paths, self.minima) = (paths, minima)
        (self.barriers, versus) = (barriers.filter { $0.firstSeed == $0.secondSeed }, barriers.filter { $0.firstSeed != $0.secondSeed })
        var seen = Set<String>()
        versusNames = versus.map(\.second).filter { seen.insert($0).inserted }.map { name in
            (name, (try? OptimizerKind(named: name).displayName) ?? name)
        }
        names = runs.runs.map { ($0.optimizer.name, $0.optimizer.displayName) }
        (settings, self.size) = (records.settings, size)
    }

    func write(in folder: URL, report: (String) -> Void) throws {
        var files = ["sharpness.csv", "sharpness.png", "minima-curvature.csv", "minima-slices.png"]
        try save(Data(sharpnessCSV.utf8), folder, "sharpness.csv")
        try save(try sharpnessChart().pngData(fast: false), folder, "sharpness.png")
        try save(Data(minimaCSV.utf8), folder, "minima-curvature.csv")
        try save(try slicesChart().render(width: size.width / 2 + 200, height: size.height).pngData(fast: false), folder, "minima-slices.png")
        if !(barriers + versus).isEmpty {
            try save(Data(barriersCSV.utf8), folder, "barriers.csv")
            files.append("barriers.csv")
        }
        if !barriers.isEmpty {
            try save(try barriersChart().render(width: size.width, height: size.height).pngData(fast: false), folder, "barriers.png")
            files.append("barriers.png")
        }
        if !versus.isEmpty {
            try save(try versusChart().render(width: size.width, height: size.height).pngData(fast: false), folder, "barriers-seeds.png")
            files.append("barriers-seeds.png")
        }
        summary.forEach(report)
        report("\(files.joined(separator: ", ")) in \(folder.path)")
    }

    /// An optimizer's colour on the charts: its path colour, as the landscape's pictures and page
    /// draw it, made visible on white.
    static func color(_ name: String) -> Color { StepChart.visible(PathColors.color(of: name)) }

    /// `SGD limit 2/lr = 200` — the threshold's formula and value at the last snapshot.
    static func thresholdLabel(_ display: String, _ last: PathCurvature) -> String? {
        guard let limit = last.stabilityLimit, let threshold = last.threshold else { return nil }
        return String(format: "%@ limit %@/lr = %.5g", display, String(format: "%.3g", limit), threshold)
    }

    /// Two panels: the Hessian's top eigenvalue of every path (thresholds of the rules without a
    /// preconditioner), and `P⁻¹H`'s for the rules with one (their thresholds).
    func sharpnessChart() throws -> Canvas {
        var plain: [LineChart.Series] = [], scaled: [LineChart.Series] = []
        for ((name, display), path) in zip(names, paths) {
            let measured = path.filter { $0.step > 0 }
            guard let last = measured.last else { continue }
            let color = Self.color(name), hasPreconditioner = measured.contains { $0.preconditioned != nil }
            plain.append(.init(label: "\(display) λmax(H)", color: color, points: measured.map { (Double($0.step), $0.sharpness.value) }, marker: .dot))
            if hasPreconditioner {
                scaled.append(.init(label: "\(display) λmax(P⁻¹H)", color: color,
                                    points: measured.compactMap { r in r.preconditioned.map { (Double(r.step), $0.value) } }, marker: .dot))
            }
            if let label = Self.thresholdLabel(display, last) {
                let line = LineChart.Series(label: label, color: color, dashed: true,
                                            points: measured.compactMap { r in r.threshold.map { (Double(r.step), $0) } })
                if hasPreconditioner { scaled.append(line) } else { plain.append(line) }
            }
        }
        let left = LineChart(title: "The Hessian's top eigenvalue", xLabel: "step", yLabel: "λmax(H)", series: plain, legendCorner: .topLeft,
                             logarithmic: true, logarithmicX: true)
        let right = LineChart(title: "Preconditioned: the top eigenvalue of P⁻¹H", xLabel: "step", yLabel: "λmax(P⁻¹H)", series: scaled,
                              legendCorner: .bottomRight, logarithmic: true, logarithmicX: true)
        let panels = scaled.isEmpty ? [left] : [left, right], header = 44
        let canvas = try Canvas(width: size.width, height: size.height)
        canvas.text("Sharpness along each path (\(settings.samples) training images); dashed: each rule's stability threshold",
                    at: PixelPoint(Double(size.width) / 2, 30), size: 20, anchor: .center, bold: true)
        let width = size.width / panels.count
        for (k, chart) in panels.enumerated() {
            canvas.draw(try chart.render(width: width, height: size.height - header), x: Double(k * width), y: Double(header))
        }
        return canvas
    }

    /// The loss along each minimum's top eigenvector.
    func slicesChart() -> LineChart {
        let series = zip(names, minima).map { name, minimum in
            LineChart.Series(label: String(format: "%@ (λ₁ %.3g)", name.display, minimum.eigenvalues[0].value), color: Self.color(name.name),
                             points: Array(zip(minimum.slicePositions, minimum.sliceLosses)))
        }
        return LineChart(title: "Loss along each minimum's top Hessian eigenvector", xLabel: "distance from the final weights",
                         yLabel: "training loss (\(settings.samples) images)", series: series, legendCorner: .bottomLeft, logarithmic: true)
    }

    func barriersChart() -> MatrixChart {
        matrix(barriers, rows: names, columns: names, symmetric: true,
               title: "Loss barriers between the optimizers' minima (\(settings.samples) training images)")
    }

    /// Each of this seed's minima (rows) against each of the other seed's (columns).
    func versusChart() -> MatrixChart {
        matrix(versus, rows: names, columns: versusNames, symmetric: false,
               title: "Loss barriers from seed \(versus[0].firstSeed)'s minima (rows) to seed \(versus[0].secondSeed)'s (columns)")
    }

    /// The barriers before and after alignment, side by side, each aligned cell noting the units moved.
    func matrix(_ pairs: [BarrierPair], rows: [(name: String, display: String)], columns: [(name: String, display: String)],
                symmetric: Bool, title: String) -> MatrixChart {
        let row = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.name, $0) })
        let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        var before = rows.map { _ in columns.map { _ -> Double? in nil } }, after = before
        var moved = rows.map { _ in columns.map { _ -> String? in nil } }
        for pair in pairs {
            let heights = pair.heights, note = "\(pair.unitsMoved) moved"
            var cells = [(row[pair.first]!, column[pair.second]!)]
            if symmetric { cells.append((row[pair.second]!, column[pair.first]!)) }
            for (i, j) in cells { (before[i][j], after[i][j], moved[i][j]) = (heights.before, heights.after, note) }
        }
        return MatrixChart(title: title, caption: "the highest loss on the straight line between two final weight sets, above the mean of its ends",
                           rows: rows.map(\.display), columns: columns.map(\.display),
                           panels: [.init(title: "as trained", values: before),
                                    .init(title: "aligned by weight matching (units moved of \(pairs[0].hiddenUnits))",
                                          values: after, notes: moved)])
    }

    var sharpnessCSV: String {
        var lines = ["optimizer,step,epoch,learning_rate,loss,accuracy,sharpness,sharpness_products,sharpness_settled,"
                     + "preconditioned_sharpness,preconditioned_products,preconditioned_settled,trace,trace_error,stability_limit,threshold"]
        for r in paths.joined() {
            let p = r.preconditioned
            lines.append([r.optimizer, "\(r.step)", "\(r.epoch)", "\(r.learningRate)", "\(r.loss)", "\(r.accuracy)", "\(r.sharpness.value)",
                          "\(r.sharpness.iterations)", "\(r.sharpness.converged)", p.map { "\($0.value)" } ?? "", p.map { "\($0.iterations)" } ?? "",
                          p.map { "\($0.converged)" } ?? "", "\(r.trace)", "\(r.traceError)", r.stabilityLimit.map { "\($0)" } ?? "",
                          r.threshold.map { "\($0)" } ?? ""].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var minimaCSV: String {
        let k = minima.first?.eigenvalues.count ?? 0
        var lines = [(["optimizer", "step", "loss"] + (1...max(k, 1)).map { "lambda_\($0)" }
                      + ["trace", "trace_error", "slice_radius", "rise_minus", "rise_plus", "quadratic_rise"]).joined(separator: ",")]
        for (minimum, path) in zip(minima, paths) {
            let final = path.last!, losses = minimum.sliceLosses, radius = settings.sliceRadius
            lines.append(([minimum.optimizer, "\(minimum.step)", "\(minimum.loss)"] + minimum.eigenvalues.map { "\($0.value)" }
                          + ["\(final.trace)", "\(final.traceError)", "\(radius)", "\(losses.first! - minimum.loss)",
                             "\(losses.last! - minimum.loss)", "\(minimum.eigenvalues[0].value * radius * radius / 2)"]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var barriersCSV: String {
        var lines = ["first,first_seed,second,second_seed,loss_first,loss_second,barrier,barrier_aligned,highest,highest_aligned,units_moved,hidden_units"]
        for pair in barriers + versus {
            let heights = pair.heights
            lines.append("\(pair.first),\(pair.firstSeed),\(pair.second),\(pair.secondSeed),\(pair.before.first!),\(pair.before.last!),\(heights.before),\(heights.after),"
                         + "\(pair.before.max()!),\(pair.after.max()!),\(pair.unitsMoved),\(pair.hiddenUnits)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The printed table: each minimum's curvature and where its path ended against its limit, then the barriers.
    var summary: [String] {
        let pad = { (text: String, width: Int) in text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        let number = { (value: Double?) in value.map { String(format: "%.4g", $0) } ?? "—" }
        var lines = ["optimizer     loss      sharpness  P⁻¹H sharpness  limit     trace (± s.e.)     top eigenvalues at the minimum"]
        for ((_, display), (path, minimum)) in zip(names, zip(paths, minima)) {
            let last = path.last!
            lines.append(pad(display, 14) + pad(String(format: "%.4f", last.loss), 10) + pad(number(last.sharpness.value), 11)
                         + pad(number(last.preconditioned?.value), 16) + pad(number(last.threshold), 10)
                         + pad(String(format: "%.4g ± %.2g", last.trace, last.traceError), 19)
                         + minimum.eigenvalues.map { number($0.value) }.joined(separator: ", "))
        }
        for pair in barriers + versus {
            let heights = pair.heights
            lines.append(String(format: "barrier %@ to %@: %.4g as trained, %.4g with hidden units aligned (%d of %d moved)", pair.firstName,
                                pair.secondName, heights.before, heights.after, pair.unitsMoved, pair.hiddenUnits))
        }
        return lines
    }

    func save(_ data: Data, _ folder: URL, _ name: String) throws {
        let url = folder.appendingPathComponent(name)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw LandscapeError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
