import ArgumentParser
import Foundation
import Optimizers
import Scenes
import Surfaces

/// Renders optimizers stepping across analytic surfaces into PNG frames and animations.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Animate gradient-descent optimizers on 2D loss surfaces (the default command).",
        discussion: """
            With no arguments, renders every example scene into OUT/<scene>/. A SCENE is an example \
            scene's name or a path to a scene JSON file; --surface builds a scene on the command line.
            """
    )

    @Argument(help: "An example scene name or a scene file path.")
    var scene: String?

    @Option(help: "Build a scene on this surface instead: a built-in name (see --list) or a formula in x and y, e.g. \"x^2/20 + 5*y^2\".")
    var surface: String?

    @Option(parsing: .unconditional, help: "For a formula --surface: its known minima, X,Y or X,Y;X,Y;...")
    var minima: String?

    @Option(parsing: .unconditional, help: "Start point X,Y for --surface; a leading minus is fine: --start -9,1.5.")
    var start: String?

    @Option(parsing: .unconditional, help: "Optimizer steps (overrides the scene's).")
    var steps: Int?

    @Option(help: "For --surface: NAME=LEARNING_RATE list, e.g. \"sgd=0.001,momentum=0.001,adamw=0.05\" (any of --list's).")
    var optimizers = OptimizerKind.classics.map(\.name).joined(separator: ",")

    @Option(help: "Output folder; each scene goes into its own subfolder.")
    var out = "Output"

    @Option(parsing: .unconditional, help: "Image size WxH (overrides the scene's; default 800x600).")
    var size: String?

    @Option(parsing: .unconditional, help: "Number of frames (overrides the scene's).")
    var frames: Int?

    @Option(help: "2d (filled contours) or 3d (perspective mesh).")
    var view: String?

    @Option(help: "A chart under the view: loss (loss above the minimum against the step), distance (to the nearest minimum) or none.")
    var panel: String?

    @Option(help: "Write every path as optimizer,step,x,y,loss to this file (one scene only).")
    var csv: String?

    @Option(defaultAsFlag: "lr", help: "Tune each optimizer's learning rate on the scene first (--tune), or also its momentum or Adam's betas (--tune momentum).")
    var tune: String? = nil

    @Flag(help: "Only compute the paths (and the CSV); write no frames.")
    var noFrames = false

    @Flag(help: "List the surfaces, optimizers and example scenes.")
    var list = false

    func run() throws { try reportingErrors(execute) }

    func execute() throws {
        if list { return print(Listing.text()) }
        let scope = try tune.map { name in
            guard let scope = Tuning.Scope(rawValue: name) else { throw SceneError("--tune '\(name)' must be lr or momentum") }
            return scope
        }
        let scenes = try SceneSelection(argument: scene, surface: surface, start: start, minima: minima, optimizers: optimizers)
            .scenes()
            .map { try Overrides(steps: steps, size: size, frames: frames, view: view, panel: panel).apply(to: $0) }
        if csv != nil, scenes.count != 1 { throw SceneError("--csv writes one scene; name a scene or use --surface") }
        let progress = Progress()
        for chosen in scenes {
            let scene = try scope.map { try tuned(chosen, scope: $0) } ?? chosen
            let paths = try scene.run()
            if let csv { try writeCSV(paths, to: csv) }
            for path in paths where path.divergedAt != nil {
                print("\(scene.name): \(path.runner.label) diverged at step \(path.divergedAt!)")
            }
            guard !noFrames else { continue }
            let directory = URL(fileURLWithPath: out).appendingPathComponent(scene.name)
            let files = try SceneRenderer(ScenePicture(scene: scene, paths: paths)).render(into: directory) { done, total in
                progress.show("\(scene.name): frame \(done)/\(total)")
            }
            progress.clear()
            let extras = files.filter { !$0.lastPathComponent.hasPrefix("frame_") }.map(\.lastPathComponent)
            print("\(scene.name): \(scene.frames) frames, \(extras.joined(separator: ", ")) in \(directory.path)")
        }
    }

    /// `scene` with every optimizer at its tuned setting; prints the table and writes
    /// `<scene>.tuned.json` beside the frames.
    func tuned(_ scene: Scene, scope: Tuning.Scope) throws -> Scene {
        let results = try Tuning.tune(scene, scope: scope)
        print(TuningTable.text(results, scene: scene))
        let better = try scene.with(runners: results.map(\.runner))
        let directory = URL(fileURLWithPath: out).appendingPathComponent(scene.name)
        try OutputFiles.write(try SceneFile.encode(better), to: directory.appendingPathComponent("\(scene.name).tuned.json"))
        return better
    }

    func writeCSV(_ paths: [Trajectory], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { throw SceneError("cannot write \(path): folder \(folder) does not exist") }
        try OutputFiles.write(Data(TrajectoryCSV.write(paths).utf8), to: url)
    }
}
