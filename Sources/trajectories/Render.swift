import ArgumentParser
import CommandLineSupport
import Foundation
import Optimizers
import ScenePictures
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

    @OptionGroup var selection: SceneOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Image size (overrides the scene's; default 800x600).", valueName: "width>x<height"))
    var size: ImageSize?

    @Option(parsing: .unconditional, help: "Number of frames (overrides the scene's).")
    var frames: Int?

    @Option(help: "2d (filled contours) or 3d (perspective mesh).")
    var view: Scene.View?

    @Option(help: "A chart under the view: loss (loss above the minimum against the step), distance (to the nearest minimum) or none.")
    var panel: Scene.Panel?

    @Option(help: "Write every path as optimizer,step,x,y,loss to this file (one scene only).")
    var csv: String?

    @Option(defaultAsFlag: Tuning.Scope.learningRate,
            help: "Tune each optimizer's learning rate on the scene first (--tune), or also its momentum or Adam's betas (--tune momentum).")
    var tune: Tuning.Scope? = nil

    @Option(help: ArgumentHelp("Draw what each step of these optimizers is made of at their paths' heads in every frame "
                               + "(the step taken, its parts, plain SGD's step, the per-coordinate step size): the scene's internals.", valueName: "name,..."))
    var internals: String?

    @Flag(help: "Only compute the paths (and the CSV); write no frames.")
    var noFrames = false

    @Flag(help: "List the surfaces, optimizers and example scenes.")
    var list = false

    func run() throws {
        if list { return print(Listing.text()) }
        let scenes = try selection.scenes().map(overridden)
        if csv != nil, scenes.count != 1 { throw SceneError("--csv writes one scene; name a scene or use --surface") }
        let progress = Progress()
        for chosen in scenes {
            let scene = try tune.map { try tuned(chosen, scope: $0) } ?? chosen
            let runs = try scene.runAll(), paths = runs[0]
            if let csv { try writeCSV(scene.isNoisy ? TrajectoryCSV.write(runs: runs) : TrajectoryCSV.write(paths), to: csv) }
            for path in paths where path.divergedAt != nil {
                print("\(scene.name): \(path.runner.label) diverged at step \(path.divergedAt!)")
            }
            guard !noFrames else { continue }
            let directory = URL(fileURLWithPath: selection.out).appendingPathComponent(scene.name)
            try OutputFiles.prepareFrames(in: directory)
            let made = try SceneAnimation(scene: scene, runs: runs).render(frames: directory) { done, total in
                progress.show("\(scene.name): frame \(done)/\(total)")
            }
            progress.clear()
            var files = ["\(scene.name).png", "\(scene.name).gif"]
            try OutputFiles.write(made.poster, to: directory.appendingPathComponent(files[0]))
            if let gif = made.gif { try OutputFiles.write(gif, to: directory.appendingPathComponent(files[1])) }
            if try Movie.encode(frames: directory, to: directory.appendingPathComponent("\(scene.name).mp4")) { files.append("\(scene.name).mp4") }
            print("\(scene.name): \(scene.frames) frames, \(files.joined(separator: ", ")) in \(directory.path)")
        }
    }

    /// `scene` with the image and frame options of the command line in place of its own.
    func overridden(_ scene: Scene) throws -> Scene {
        try scene.with { definition in
            if let size { (definition.width, definition.height) = (size.width, size.height) }
            if let frames { definition.frames = frames }
            if let view { definition.view = view }
            if let panel { definition.panel = panel }
            if let internals { definition.internals = internals.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
    }

    /// `scene` with every optimizer at its tuned setting; prints the table and writes
    /// `<scene>.tuned.json` beside the frames.
    func tuned(_ scene: Scene, scope: Tuning.Scope) throws -> Scene {
        let results = try Tuning.tune(scene, scope: scope)
        print(TuningTable.text(results, scene: scene))
        let better = try scene.with { $0.runners = results.map(\.runner) }
        let directory = URL(fileURLWithPath: selection.out).appendingPathComponent(scene.name)
        try OutputFiles.write(try SceneFile.encode(better), to: directory.appendingPathComponent("\(scene.name).tuned.json"))
        return better
    }

    func writeCSV(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { throw SceneError("cannot write \(path): folder \(folder) does not exist") }
        try OutputFiles.write(Data(text.utf8), to: url)
    }
}
