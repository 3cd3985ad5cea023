import ArgumentParser
import FashionMNIST
import Foundation
import ScenePictures
import Scenes

/// Tuning every optimizer of a scene, against stepping the same runs one after the other.
struct TuningBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuning",
        abstract: "Seconds to tune all optimizers of the Beale scene (target < 1 s), next to the same runs on one core."
    )

    @Option(help: "Scene file to tune.")
    var scene = "Examples/scenes/beale.json"

    func run() throws {
        let loaded = try SceneFile.load(URL(fileURLWithPath: scene))
        var results: [Tuning.Result] = []
        let tuning = try seconds { results = try Tuning.tune(loaded) }
        // The reference: as many runs of the scene, stepped one after another on one core.
        let runs = loaded.runners.count * (Tuning.coarseRates.count + 9)
        let serial = try seconds {
            for _ in 0..<runs / loaded.runners.count {
                for runner in loaded.runners { _ = try Stepping.run([runner], on: loaded.surface, from: loaded.start, steps: loaded.steps) }
            }
        }
        print("\(loaded.name): \(loaded.runners.count) optimizers x \(runs / loaded.runners.count) runs x \(loaded.steps) steps")
        print(String(format: "tuning, all cores: %.3f s (target < 1 s)", tuning))
        print(String(format: "the same runs, one core: %.3f s", serial))
        print("chosen: " + results.map { String(format: "%@ %.3g", $0.runner.label, $0.runner.configuration.learningRate.initialValue) }.joined(separator: ", "))
    }
}

/// Rendering a scene with a million steps per optimizer, against the same scene with a thousand.
struct LongPathsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "long-paths",
        abstract: "Seconds to step and render the long-valley scene at 1,000,000 steps, next to 1,000 (target <= 3x)."
    )

    @Option(help: "Scene file to render.")
    var scene = "Examples/scenes/long-valley.json"

    @Option(help: "Steps of the long run.")
    var steps = 1_000_000

    func run() throws {
        let loaded = try SceneFile.load(URL(fileURLWithPath: scene))
        func render(_ n: Int, into folder: URL) throws -> Double {
            try renderSeconds(try loaded.with {
                $0.steps = n
                $0.frames = 150
            }, into: folder)
        }
        let (short, long) = try withScratchFolder("long") { (try render(1_000, into: $0), try render(steps, into: $0)) }
        print("\(loaded.name): \(loaded.runners.count) optimizers, 150 frames at \(loaded.width)x\(loaded.height), PNG + GIF")
        print(String(format: "1,000 steps: %.2f s", short))
        print(String(format: "%d steps: %.2f s", steps, long))
        print(String(format: "long / short: %.2fx (target <= 3x)", long / short))
    }
}

/// A noisy scene over many runs: stepping them all, and rendering its frames next to the same
/// scene without noise.
struct NoiseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noise",
        abstract: "Seconds to step a noisy scene over --runs runs (target <= 50 ms at 32 x 7 x 1,000), and to render its 150 frames next to the same scene without noise (target <= 1.3x)."
    )

    @Option(help: "Scene file (its noise, batch size and runs are replaced).")
    var scene = "Examples/scenes/beale.json"

    @Option(help: "Gradient noise's standard deviation.")
    var gradientStd = 0.5

    @Option(help: "Runs over noise seeds.")
    var runs = 32

    @Option(help: "Steps per run.")
    var steps = 1000

    @Option(help: "Timed repeats of each figure (the median is printed).")
    var repeats = 5

    func run() throws {
        let plain = try SceneFile.load(URL(fileURLWithPath: scene)).with {
            $0.steps = steps
            $0.frames = 150
        }
        let noisy = try plain.with {
            $0.noise = try GradientNoise(gradientStd: gradientStd, seed: 1)
            $0.runs = runs
        }
        let stepping = try (0..<repeats * 4).map { _ in try seconds { _ = try noisy.runAll() } }
        print("\(plain.name): \(plain.runners.count) optimizers x \(steps) steps, noise sd \(gradientStd)")
        print(String(format: "stepping %d runs: median %.1f ms, best %.1f ms (target <= 50 ms at 32 runs)", runs, Statistics.median(stepping) * 1e3,
                     stepping.min()! * 1e3))
        // The two scenes in turns, so that both see the same machine.
        var quiet: [Double] = [], loud: [Double] = []
        try withScratchFolder("noise") { folder in
            for _ in 0..<repeats {
                quiet.append(try renderSeconds(plain, into: folder))
                loud.append(try renderSeconds(noisy, into: folder))
            }
        }
        print(String(format: "150 frames (PNG + GIF), no noise: median %.2f s", Statistics.median(quiet)))
        print(String(format: "150 frames (PNG + GIF), noise over %d runs: median %.2f s", runs, Statistics.median(loud)))
        print(String(format: "noisy / noise-free: %.2fx (target <= 1.3x)", Statistics.median(loud) / Statistics.median(quiet)))
    }
}
