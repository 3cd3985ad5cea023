import ArgumentParser
import CommandLineSupport
import Foundation
import ScenePictures
import Scenes

/// `trajectories phase SCENE --optimizer NAME --x KEY=FROM:TO --y KEY=FROM:TO`: one optimizer
/// of a scene run at every pair of two hyper-parameters' values, as a heat map.
struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "Map how far (or how fast) one optimizer of a scene gets at every pair of two hyper-parameters' values.",
        discussion: """
            Runs the optimizer from the scene's start for its steps at the centre of every grid cell, \
            on every core. Writes OUT/<scene>/<scene>.phase-<optimizer>.png (a log colour scale, diverged \
            cells dark grey, the scene's own setting starred) and .csv (x,y,metric,diverged_at). A run \
            diverges when its point or loss stops being finite or its loss grows a million-fold.
            """
    )

    @OptionGroup var selection: SceneOptions

    @Option(help: "The scene's optimizer to map, by name (e.g. momentum).")
    var optimizer: String

    @Option(help: ArgumentHelp("The columns' hyper-parameter: learning_rate or one of the rule's keys, over FROM to TO (evenly in log with :log).",
                               valueName: "key=from:to[:log]"))
    var x: String

    @Option(help: ArgumentHelp("The rows' hyper-parameter, as --x.", valueName: "key=from:to[:log]"))
    var y: String

    @Option(help: ArgumentHelp("Cells per side.", valueName: "columns>x<rows"))
    var grid = Grid(argument: "200x150")!

    @Option(help: "final-gap: the loss above the lowest minimum after the steps; steps-to-tolerance: the first step within --tolerance of it.")
    var metric = PhaseMetric.finalGap

    @Option(parsing: .unconditional, help: "The loss gap that counts as arrived, for steps-to-tolerance.")
    var tolerance = 1e-6

    func validate() throws {
        guard selection.scene != nil || selection.surface != nil else {
            throw ValidationError("phase maps one scene: name it, or build one with --surface and --start")
        }
    }

    func run() throws {
        let chosen = try selection.scenes()[0]
        guard let runner = chosen.runners.first(where: { $0.name == optimizer.lowercased() || $0.label == optimizer }) else {
            throw SceneError("\(chosen.name) has no optimizer '\(optimizer)': choose one of \(chosen.runners.map(\.name).joined(separator: ", "))")
        }
        let started = Date()
        let map = try PhaseMap(chosen, runner: runner, x: try PhaseAxis(x), y: try PhaseAxis(y), columns: grid.columns, rows: grid.rows,
                               metric: metric, tolerance: tolerance)
        let seconds = Date().timeIntervalSince(started)
        let directory = URL(fileURLWithPath: selection.out).appendingPathComponent(chosen.name)
        let base = "\(chosen.name).phase-\(runner.name)"
        let png = directory.appendingPathComponent("\(base).png"), csv = directory.appendingPathComponent("\(base).csv")
        try OutputFiles.write(Data(map.csv().utf8), to: csv)
        try OutputFiles.write(try PhasePicture.heatMap(map).render().pngData(fast: false), to: png)
        print(String(format: "%@: %d cells x %d steps in %.2f s; %@, %@", chosen.name, grid.columns * grid.rows, chosen.steps, seconds,
                     png.path, csv.path))
    }
}

extension PhaseMetric: ExpressibleByArgument {}
