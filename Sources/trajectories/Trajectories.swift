import ArgumentParser
import Foundation
import Optimizers
import Scenes
import Surfaces

/// Renders optimizers stepping across analytic surfaces into PNG frames and animations.
@main
struct Trajectories: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectories",
        abstract: "Animate gradient-descent optimizers on 2D loss surfaces.",
        discussion: """
            With no arguments, renders every example scene into OUT/<scene>/. A SCENE is an example \
            scene's name or a path to a scene JSON file; --surface builds a scene on the command line.
            """
    )

    @Argument(help: "An example scene name or a scene file path.")
    var scene: String?

    @Option(help: "Build a scene on this surface instead (see --list).")
    var surface: String?

    @Option(help: "Start point X,Y for --surface.")
    var start: String?

    @Option(help: "Optimizer steps (overrides the scene's).")
    var steps: Int?

    @Option(help: "For --surface: NAME=LEARNING_RATE list, e.g. \"sgd=0.001,momentum=0.001,adam=0.05\".")
    var optimizers = "sgd,momentum,nag,adagrad,adadelta,rmsprop,adam"

    @Option(help: "Output folder; each scene goes into its own subfolder.")
    var out = "Output"

    @Option(help: "Image size WxH (overrides the scene's; default 800x600).")
    var size: String?

    @Option(help: "Number of frames (overrides the scene's).")
    var frames: Int?

    @Option(help: "2d (filled contours) or 3d (perspective mesh).")
    var view: String?

    @Option(help: "Write every path as optimizer,step,x,y,loss to this file (one scene only).")
    var csv: String?

    @Flag(help: "Only compute the paths (and the CSV); write no frames.")
    var noFrames = false

    @Flag(help: "List the surfaces, optimizers and example scenes.")
    var list = false

    func run() throws {
        do {
            try execute()
        } catch {
            FileHandle.standardError.write(Data("trajectories: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    func execute() throws {
        if list { return print(Listing.text()) }
        let scenes = try SceneSelection(argument: scene, surface: surface, start: start, optimizers: optimizers)
            .scenes()
            .map { try Overrides(steps: steps, size: size, frames: frames, view: view).apply(to: $0) }
        if csv != nil, scenes.count != 1 { throw SceneError("--csv writes one scene; name a scene or use --surface") }
        let progress = Progress()
        for scene in scenes {
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

    func writeCSV(_ paths: [Trajectory], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { throw SceneError("cannot write \(path): folder \(folder) does not exist") }
        do {
            try Data(TrajectoryCSV.write(paths).utf8).write(to: url, options: .atomic)
        } catch {
            throw SceneError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
