import ArgumentParser
import Foundation
import Optimizers
import Scenes
import Surfaces

/// The options that choose scenes — an example, a scene file or one built on the command line —
/// shared by `render` and `basins`.
struct SceneOptions: ParsableArguments {
    @Argument(help: "An example scene name or a scene file path.")
    var scene: String?

    @Option(help: "Build a scene on this surface instead: a built-in name (see --list) or a formula in x and y, e.g. \"x^2/20 + 5*y^2\".")
    var surface: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("For a formula --surface: its known minima.", valueName: "x,y;x,y;..."))
    var minima: Points?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point for --surface; a leading minus is fine: --start -9,1.5.", valueName: "x,y"))
    var start: Point?

    @Option(help: "For --surface: NAME=LEARNING_RATE list, e.g. \"sgd=0.001,momentum=0.001,adamw=0.05\" (any of --list's).")
    var optimizers = OptimizerKind.classics.map(\.name).joined(separator: ",")

    @Option(parsing: .unconditional, help: "Optimizer steps (overrides the scene's).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Runs of a noisy scene over noise seeds seed, seed + 1, ... (overrides the scene's; 1 to 256).")
    var runs: Int?

    @Option(help: "Output folder; each scene goes into its own subfolder.")
    var out = "Output"

    func validate() throws {
        if surface != nil {
            guard scene == nil else { throw ValidationError("give either a scene or --surface, not both") }
            guard start != nil else { throw ValidationError("--surface needs --start X,Y") }
        }
    }

    /// The scenes asked for (every example when none is named), with `--steps` and `--runs` applied.
    func scenes() throws -> [Scene] {
        try chosenScenes().map { scene in
            guard steps != nil || runs != nil else { return scene }
            return try scene.with {
                if let steps {
                    // The frames follow the new step count unless the caller sets them too.
                    $0.steps = steps
                    $0.frames = nil
                }
                if let runs { $0.runs = runs }
            }
        }
    }

    private func chosenScenes() throws -> [Scene] {
        if let surface, let start { return [try commandLineScene(surface, start: start)] }
        guard let scene else {
            let files = ExampleScenes.files()
            guard !files.isEmpty else { throw SceneError("no example scenes found in \(ExampleScenes.directory.path)") }
            return try files.map(SceneFile.load)
        }
        if scene.hasSuffix(".json") || scene.contains("/") {
            return [try SceneFile.load(URL(fileURLWithPath: scene))]
        }
        guard let file = ExampleScenes.files().first(where: { $0.deletingPathExtension().lastPathComponent == scene }) else {
            let known = ExampleScenes.files().map { $0.deletingPathExtension().lastPathComponent }.joined(separator: ", ")
            throw SceneError("no example scene '\(scene)' (known: \(known)); pass a .json path for your own")
        }
        return [try SceneFile.load(file)]
    }

    private func commandLineScene(_ surfaceText: String, start: Point) throws -> Scene {
        let source = try SurfaceSource.parse(surfaceText, minima: minima?.points ?? [])
        let runners = try OptimizerKind.parseList(optimizers).map { Runner($0.kind, learningRate: $0.learningRate) }
        let name = if case let .builtIn(name) = source { name } else { "formula" }
        return try Scene(name: name, surface: source, start: start, steps: Scene.defaultSteps, runners: runners)
    }
}
