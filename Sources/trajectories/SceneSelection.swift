import Foundation
import Optimizers
import Scenes
import Surfaces

/// Which scenes a command line asks for.
struct SceneSelection {
    let argument: String?
    let surface: String?
    let start: String?
    /// For a formula surface: its known minima, `X,Y;X,Y`.
    let minima: String?
    let optimizers: String

    /// The example scenes shipped in `Examples/scenes`, found from the working directory or,
    /// failing that, beside this package's sources.
    static var examplesDirectory: URL {
        let local = URL(fileURLWithPath: "Examples/scenes")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/scenes")
    }

    static func exampleFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { examplesDirectory.appendingPathComponent($0) }
    }

    func scenes() throws -> [Scene] {
        if let surface {
            guard argument == nil else { throw SceneError("give either a scene or --surface, not both") }
            return [try commandLineScene(surface)]
        }
        guard let argument else {
            let files = Self.exampleFiles()
            guard !files.isEmpty else { throw SceneError("no example scenes found in \(Self.examplesDirectory.path)") }
            return try files.map(SceneFile.load)
        }
        if argument.hasSuffix(".json") || argument.contains("/") {
            return [try SceneFile.load(URL(fileURLWithPath: argument))]
        }
        guard let file = Self.exampleFiles().first(where: { $0.deletingPathExtension().lastPathComponent == argument }) else {
            let known = Self.exampleFiles().map { $0.deletingPathExtension().lastPathComponent }.joined(separator: ", ")
            throw SceneError("no example scene '\(argument)' (known: \(known)); pass a .json path for your own")
        }
        return [try SceneFile.load(file)]
    }

    func commandLineScene(_ surfaceText: String) throws -> Scene {
        let source = try SurfaceSource.parse(surfaceText, minima: try Self.points(minima ?? "", flag: "--minima"))
        guard let start else { throw SceneError("--surface needs --start X,Y") }
        let points = try Self.points(start, flag: "--start")
        guard points.count == 1 else { throw SceneError("--start '\(start)' must be two numbers X,Y") }
        let runners = try OptimizerKind.parseList(optimizers).map { Runner($0.kind, learningRate: $0.learningRate) }
        let name = if case let .builtIn(name) = source { name } else { "formula" }
        return try Scene(name: name, surface: source, start: points[0], steps: 300, runners: runners)
    }

    /// `X,Y` pairs separated by `;`: `-9,1.5` or `3,2;-2.8,3.13`.
    static func points(_ text: String, flag: String) throws -> [Point] {
        try text.split(separator: ";").map { pair in
            let parts = pair.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let x = parts[0], let y = parts[1] else {
                throw SceneError("\(flag) '\(text)' must be \(flag == "--start" ? "two numbers X,Y" : "X,Y pairs separated by ';'")")
            }
            return Point(x, y)
        }
    }
}

/// Command-line values that replace a scene's own.
struct Overrides {
    let steps: Int?, size: String?, frames: Int?, view: String?, panel: String?

    func apply(to s: Scene) throws -> Scene {
        var width = s.width, height = s.height
        if let size {
            let parts = size.lowercased().split(separator: "x").map { Int($0) }
            guard parts.count == 2, let w = parts[0], let h = parts[1] else { throw SceneError("--size '\(size)' must be WxH, e.g. 800x600") }
            (width, height) = (w, h)
        }
        var chosenView = s.view
        if let view {
            guard let v = Scene.View(rawValue: view) else { throw SceneError("--view '\(view)' must be 2d or 3d") }
            chosenView = v
        }
        var chosenPanel = s.panel
        if let panel {
            guard let p = Scene.Panel(rawValue: panel) else { throw SceneError("--panel '\(panel)' must be loss, distance or none") }
            chosenPanel = p
        }
        let newSteps = steps ?? s.steps
        return try Scene(name: s.name, title: s.title, surface: s.surfaceSource, window: s.window, start: s.start, steps: newSteps,
                         frames: frames ?? (steps == nil ? s.frames : nil), width: width, height: height, view: chosenView, panel: chosenPanel,
                         runners: s.runners)
    }
}

/// What `--list` prints.
enum Listing {
    static func text() -> String {
        var lines = ["Surfaces:"]
        for s in SurfaceCatalog.all {
            let minima = s.minima.map { "(\(fmt($0.x)), \(fmt($0.y)))" }.joined(separator: " ")
            lines.append("  \(s.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(s.displayName); window x \(s.window.x), y \(s.window.y); minima \(minima.isEmpty ? "none" : minima)")
        }
        lines.append("Optimizers (Keras 3 defaults; any key below, and weight_decay, clipnorm, clipvalue, global_clipnorm,")
        lines.append("use_ema, ema_momentum, ema_overwrite_frequency and a learning_rate schedule, can be set in a scene file):")
        for k in OptimizerKind.allCases {
            let summary = k == .momentum ? "SGD with momentum 0.9" : k == .nag ? "SGD with Nesterov momentum 0.9" : k.defaultRule.entry.summary
            lines.append("  \(k.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(summary)")
            lines.append("  \(String(repeating: " ", count: 20)) \(describe(k.defaultConfiguration))")
        }
        lines.append("Learning-rate schedules (Keras's): \(LearningRateSchedule.classNames.joined(separator: ", "))")
        lines.append("Example scenes (\(SceneSelection.examplesDirectory.path)):")
        for file in SceneSelection.exampleFiles() {
            let name = file.deletingPathExtension().lastPathComponent
            let detail = (try? SceneFile.load(file)).map { "\($0.title) on \($0.surfaceName), \($0.steps) steps, \($0.view.rawValue)" } ?? "unreadable"
            lines.append("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(detail)")
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ v: Double) -> String { String(format: "%g", v) }

    /// `learning_rate 0.001, beta_1 0.9, …` in the rule's own order, then a default weight decay.
    static func describe(_ configuration: OptimizerConfiguration) -> String {
        let rule = configuration.rule, values = rule.values
        let parts = ["learning_rate \(fmt(configuration.learningRate.initialValue))"] + rule.entry.hyperparameters.map { p in
            "\(p.key) \(p.kind == .flag ? String(values[p.key]! != 0) : fmt(values[p.key]!))"
        } + (configuration.weightDecay.map { ["weight_decay \(fmt($0))"] } ?? [])
        return parts.joined(separator: ", ")
    }
}
