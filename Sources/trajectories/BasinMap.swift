import ArgumentParser
import Foundation
import Rendering
import Scenes

/// `trajectories basins SCENE`: where each optimizer ends from every start of a grid.
struct BasinMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basins",
        abstract: "Map which known minimum each optimizer reaches from every start of a grid over the window.",
        discussion: "Writes OUT/<scene>/<scene>.basins.png (a panel per optimizer) and <scene>.basins.csv."
    )

    @Argument(help: "An example scene's name or a scene file path.")
    var scene: String

    @Option(help: "Starts per side, COLUMNSxROWS.")
    var grid = "200x150"

    @Option(parsing: .unconditional, help: "Optimizer steps from each start (overrides the scene's).")
    var steps: Int?

    @Option(help: "Output folder; the map goes into its scene's subfolder.")
    var out = "Output"

    func run() throws { try reportingErrors(execute) }

    func execute() throws {
        let sides = grid.lowercased().split(separator: "x").map { Int($0) }
        guard sides.count == 2, let columns = sides[0], let rows = sides[1] else {
            throw SceneError("--grid '\(grid)' must be COLUMNSxROWS, e.g. 200x150")
        }
        var chosen = try SceneSelection(argument: scene, surface: nil, start: nil, minima: nil, optimizers: "").scenes()[0]
        if let steps { chosen = try Overrides(steps: steps, size: nil, frames: nil, view: nil, panel: nil).apply(to: chosen) }
        let started = Date()
        let basins = try Basins(chosen, columns: columns, rows: rows)
        let directory = URL(fileURLWithPath: out).appendingPathComponent(chosen.name)
        let png = directory.appendingPathComponent("\(chosen.name).basins.png")
        let csv = directory.appendingPathComponent("\(chosen.name).basins.csv")
        try OutputFiles.write(Data(basins.csv().utf8), to: csv)
        do {
            try BasinPicture.maps(basins).render().writePNG(to: png, fast: false)
        } catch {
            throw SceneError("cannot write \(png.path): \(error.localizedDescription)")
        }
        print(String(format: "%@: %d starts x %d optimizers x %d steps in %.1f s; %@, %@", chosen.name, columns * rows,
                     chosen.runners.count, chosen.steps, Date().timeIntervalSince(started), png.path, csv.path))
    }
}
