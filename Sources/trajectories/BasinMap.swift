import ArgumentParser
import CommandLineSupport
import Foundation
import Rendering
import ScenePictures
import Scenes

/// `trajectories basins SCENE`: where each optimizer ends from every start of a grid.
struct BasinMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basins",
        abstract: "Map which known minimum each optimizer reaches from every start of a grid over the window.",
        discussion: "Writes OUT/<scene>/<scene>.basins.png (a panel per optimizer) and <scene>.basins.csv."
    )

    @OptionGroup var selection: SceneOptions

    @Option(help: ArgumentHelp("Starts per side.", valueName: "columns>x<rows"))
    var grid = Grid(argument: "200x150")!

    func validate() throws {
        guard selection.scene != nil || selection.surface != nil else {
            throw ValidationError("basins maps one scene: name it, or build one with --surface and --start")
        }
    }

    func run() throws {
        let chosen = try selection.scenes()[0]
        let (columns, rows) = (grid.columns, grid.rows)
        let started = Date()
        let basins = try Basins(chosen, columns: columns, rows: rows)
        let directory = URL(fileURLWithPath: selection.out).appendingPathComponent(chosen.name)
        let png = directory.appendingPathComponent("\(chosen.name).basins.png")
        let csv = directory.appendingPathComponent("\(chosen.name).basins.csv")
        try OutputFiles.write(Data(basins.csv().utf8), to: csv)
        try OutputFiles.write(try BasinPicture.maps(basins).render().pngData(fast: false), to: png)
        print(String(format: "%@: %d starts x %d optimizers x %d steps in %.1f s; %@, %@", chosen.name, columns * rows,
                     chosen.runners.count, chosen.steps, Date().timeIntervalSince(started), png.path, csv.path))
    }
}
