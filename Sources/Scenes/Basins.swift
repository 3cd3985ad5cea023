import Foundation
import Optimizers
import Surfaces

/// Where each optimizer goes from every start of a grid: which known minimum it ends nearest,
/// or that it did not get near one, or diverged.
public struct Basins: Sendable {
    /// What became of one start.
    public enum Outcome: Sendable, Hashable {
        /// Ended within reach of `surface.minima[index]`.
        case minimum(Int)
        /// Stayed finite but ended near no known minimum.
        case notConverged
        /// Stopped being finite.
        case diverged
    }

    /// The scene whose optimizers were mapped (its start is the one thing that changes).
    public let scene: Scene
    /// The grid of starts over the scene's window.
    public let columns: Int, rows: Int
    /// `outcomes[runner][row * columns + column]`, row 0 at the window's top.
    public let outcomes: [[Outcome]]
    /// Where each run ended, as `outcomes` (nil where it diverged); a noisy scene's first run.
    public let ends: [[Point?]]
    /// The share of a noisy scene's runs that gave each cell's outcome, as `outcomes` (the most
    /// frequent one; ties go to the lower minimum); 1 everywhere for a single run.
    public let agreement: [[Double]]

    /// How near a minimum a run must end to count as having reached it: 2 % of the window's diagonal.
    public var reach: Double { Self.reach(scene.window) }

    static func reach(_ w: Window) -> Double {
        0.02 * Point(w.x.lowerBound, w.y.lowerBound).distance(to: Point(w.x.upperBound, w.y.upperBound))
    }

    /// The start at a grid cell's centre.
    public func start(column: Int, row: Int) -> Point { Self.start(column: column, row: row, columns: columns, rows: rows, window: scene.window) }

    static func start(column: Int, row: Int, columns: Int, rows: Int, window w: Window) -> Point {
        Point(w.x.lowerBound + (Double(column) + 0.5) / Double(columns) * (w.x.upperBound - w.x.lowerBound),
              w.y.upperBound - (Double(row) + 0.5) / Double(rows) * (w.y.upperBound - w.y.lowerBound))
    }

    /// Runs every runner of `scene` for its steps from each of `columns` × `rows` starts over
    /// its window, on every core. Throws when the surface lists no minima.
    public init(_ scene: Scene, columns: Int = 200, rows: Int = 150) throws {
        guard !scene.surface.minima.isEmpty else {
            throw SceneError("a basin map needs the surface's minima, and \(scene.surface.displayName) lists none")
        }
        guard columns > 0, rows > 0, columns * rows <= 4_000_000 else {
            throw SceneError("the basin grid must be 1x1 to 2000x2000 starts, got \(columns)x\(rows)")
        }
        self.scene = scene
        self.columns = columns
        self.rows = rows
        let surface = scene.surface, steps = scene.steps, count = columns * rows
        let starts = (0..<count).map { Self.start(column: $0 % columns, row: $0 / columns, columns: columns, rows: rows, window: scene.window) }
        // Eight chunks of starts per core, each stepping one optimizer that it resets per start.
        let chunks = ProcessInfo.processInfo.activeProcessorCount * 8
        let ranges = (0..<chunks).map { count * $0 / chunks..<count * ($0 + 1) / chunks }
        let reach = Self.reach(scene.window)
        var outcomes: [[Outcome]] = [], ends: [[Point?]] = [], agreement: [[Double]] = []
        // A noisy scene's runs, each with its own seed for the noise and the minibatches.
        let seeds = try (0..<scene.runs).map { r in
            try scene.noise.map { try GradientNoise(gradientStd: $0.gradientStd, seed: $0.seed &+ UInt64(r), relative: $0.relative) }
                ?? GradientNoise(gradientStd: 0, seed: 1 &+ UInt64(r))
        }
        for runner in scene.runners {
            var perRun: [[Outcome]] = []
            for (r, noise) in seeds.enumerated() {
                // Without noise the run's seed still draws its minibatches; gradient_std 0 adds nothing.
                let drawn = noise.drawn(steps: steps)
                let runEnds = try ranges.concurrentMap { range in
                    let optimizer = try Optimizer<Double>(runner.configuration)
                    return try range.map { i -> Point? in
                        optimizer.reset()
                        return try Self.end(of: optimizer, on: surface, from: starts[i], steps: steps,
                                            noise: drawn, batchSize: scene.batchSize)
                    }
                }.flatMap { $0 }
                perRun.append(runEnds.map { end in
                    guard let end else { return .diverged }
                    let (index, distance) = surface.minima.enumerated().map { ($0.offset, $0.element.distance(to: end)) }.min { $0.1 < $1.1 }!
                    return distance <= reach ? .minimum(index) : .notConverged
                })
                if r == 0 { ends.append(runEnds) }
            }
            let order = (0..<surface.minima.count).map(Outcome.minimum) + [.notConverged, .diverged]
            let modes = (0..<count).map { i -> (Outcome, Double) in
                let tally = Dictionary(perRun.map { ($0[i], 1) }, uniquingKeysWith: +)
                let best = order.max { (tally[$0] ?? 0) < (tally[$1] ?? 0) || ((tally[$0] ?? 0) == (tally[$1] ?? 0) && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }!
                return (best, Double(tally[best] ?? 0) / Double(perRun.count))
            }
            outcomes.append(modes.map(\.0))
            agreement.append(modes.map(\.1))
        }
        self.outcomes = outcomes
        self.ends = ends
        self.agreement = agreement
    }

    /// Where `optimizer` ends after `steps` steps from `start` (with the run's noise, and
    /// minibatches drawn from its seed); nil if it diverged.
    static func end(of optimizer: Optimizer<Double>, on surface: any Surface, from start: Point, steps: Int,
                    noise: DrawnNoise, batchSize: Int?) throws -> Point? {
        var end = start
        let diverged = try Stepping.walk(optimizer, on: surface, from: start, steps: steps, noise: noise, batchSize: batchSize) { p, _ in end = p }
        return diverged == nil ? end : nil
    }

    /// `optimizer,x,y,outcome,end_x,end_y`, one row per optimizer and start; the outcome is the
    /// minimum's number from 1 (as `--list` orders them), `not-converged` or `diverged`. A noisy
    /// scene's runs add `agreement`: the share of runs that gave the outcome (the ends are run 1's).
    public func csv() -> String {
        let noisy = scene.runs > 1
        var lines = ["optimizer,x,y,outcome,end_x,end_y" + (noisy ? ",agreement" : "")]
        for (r, runner) in scene.runners.enumerated() {
            for i in 0..<columns * rows {
                let s = start(column: i % columns, row: i / columns)
                let outcome = switch outcomes[r][i] {
                case let .minimum(m): String(m + 1)
                case .notConverged: "not-converged"
                case .diverged: "diverged"
                }
                let end = ends[r][i].map { "\($0.x),\($0.y)" } ?? ","
                lines.append("\(runner.label),\(s.x),\(s.y),\(outcome),\(end)" + (noisy ? ",\(agreement[r][i])" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
