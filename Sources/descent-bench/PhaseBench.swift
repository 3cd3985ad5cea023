import ArgumentParser
import Foundation
import Optimizers
import Scenes
import Surfaces

/// A phase map against the basin map's machinery over as many point-steps, and the replay an
/// internals answer costs.
struct PhaseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "Seconds for Momentum's phase map on the long valley, 200 x 150 cells x 1,000 steps (target <= 2 s), next to a basin map of as many steps; the internals replay."
    )

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 3

    func run() throws {
        let scene = try Scene(name: "valley", surface: .builtIn("valley"), start: Point(-9, 1.5), steps: 1000,
                              runners: [Runner(.momentum, learningRate: 0.05)])
        let x = try PhaseAxis("learning_rate=0.001:1:log"), y = try PhaseAxis("momentum=0:0.99")
        let (phase, basins) = try bestTimesInTurns(repeats: repeats, {
            _ = try PhaseMap(scene, runner: scene.runners[0], x: x, y: y, columns: 200, rows: 150)
        }, {
            _ = try Basins(scene, columns: 200, rows: 150)
        })
        print("long valley, Momentum: 200 x 150 cells x 1,000 steps, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "phase map: %.2f s (target <= 2 s); a basin map of as many starts and steps: %.2f s (%.2fx)", phase, basins, phase / basins))
        // An internals answer replays the path up to its step: the first at the explorer's
        // step limit walks all of it, the next ones start from the state kept a thousand steps back.
        let beale = try SceneFile.load(URL(fileURLWithPath: "Examples/scenes/beale.json"))
        let adam = beale.runners.first { $0.name == "adam" }!
        for steps in [600, 100_000] {
            let replay = PathReplay(adam, on: beale.surface, from: beale.start, steps: steps)
            let first = try seconds { _ = try replay.internals(at: steps) }
            let next = try bestTime(repeats: repeats) { _ = try replay.internals(at: steps - 1) }
            print(String(format: "internals of Adam's step %d on Beale: first %.2f ms, a step back %.3f ms (target <= 5 ms)",
                         steps, 1000 * first, 1000 * next))
        }
    }
}
