import Foundation
import Optimizers
import Surfaces

/// One axis of a phase map: a hyper-parameter (or the learning rate) over a range.
public struct PhaseAxis: Sendable, Equatable, CustomStringConvertible {
    /// Keras's key: `learning_rate` or one of the rule's numeric hyper-parameters.
    public let key: String
    /// The range's ends.
    public let from: Double, to: Double
    /// Whether cells are spread evenly in log10.
    public let logarithmic: Bool

    /// Reads `KEY=FROM:TO` or `KEY=FROM:TO:log` (checked against a rule later, by ``PhaseMap``).
    public init(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let numbers = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
        guard parts.count == 2, !parts[0].isEmpty, numbers.count == 2 || (numbers.count == 3 && numbers[2] == "log"),
              let from = Double(numbers[0]), let to = Double(numbers[1]) else {
            throw SceneError("'\(text)' is not KEY=FROM:TO or KEY=FROM:TO:log (e.g. learning_rate=0.001:1:log)")
        }
        guard from < to, from.isFinite, to.isFinite else { throw SceneError("\(parts[0])=\(numbers[0]):\(numbers[1]) is an empty range: FROM must be below TO") }
        let logarithmic = numbers.count == 3
        guard !logarithmic || from > 0 else { throw SceneError("\(parts[0]): a log range must start above 0, got \(numbers[0])") }
        (key, self.from, self.to, self.logarithmic) = (parts[0], from, to, logarithmic)
    }

    /// The value at the centre of cell `index` of `count`.
    public func value(_ index: Int, of count: Int) -> Double {
        let u = (Double(index) + 0.5) / Double(count)
        return logarithmic ? pow(10, log10(from) + u * (log10(to) - log10(from))) : from + u * (to - from)
    }

    public var description: String { "\(key)=\(from):\(to)" + (logarithmic ? ":log" : "") }
}

/// What a phase map colours each cell by.
public enum PhaseMetric: String, Sendable, CaseIterable {
    /// The loss above the surface's lowest minimum after the scene's steps.
    case finalGap = "final-gap"
    /// The first step at which the loss comes within the tolerance of the lowest minimum.
    case stepsToTolerance = "steps-to-tolerance"
}

/// One optimizer of a scene run from the scene's start at every cell of a grid over two of its
/// hyper-parameters (Goh 2017's phase diagram): how close each setting gets, or how fast, and
/// where it diverges.
public struct PhaseMap: Sendable {
    /// The scene (its surface, start and steps) and the runner mapped.
    public let scene: Scene, runner: Runner
    /// The two axes: columns run along `x`, rows along `y` (row 0 at `y`'s top).
    public let x: PhaseAxis, y: PhaseAxis
    /// The grid's size.
    public let columns: Int, rows: Int
    /// What each cell holds, and the tolerance of ``PhaseMetric/stepsToTolerance``.
    public let metric: PhaseMetric, tolerance: Double
    /// The loss at the surface's lowest minimum, which the gaps are measured from.
    public let lowest: Double
    /// Each cell's metric, `rows` × `columns` from the top row; NaN where it diverged or
    /// (steps to tolerance) never got within the tolerance.
    public let values: [Double]
    /// The step at which each cell's run diverged, nil where it did not.
    public let divergedAt: [Int?]

    /// A run diverges when its point or loss stops being finite or its loss grows past this
    /// many times the start's.
    public static let divergenceFactor = 1e6

    /// Maps `runner` of `scene` over `x` × `y` on a `columns` × `rows` grid, on every core.
    /// Throws a one-line error for a key the rule lacks, a range outside the key's accepted
    /// values, or a surface that lists no minima.
    public init(_ scene: Scene, runner: Runner, x: PhaseAxis, y: PhaseAxis, columns: Int = 200, rows: Int = 150,
                metric: PhaseMetric = .finalGap, tolerance: Double = 1e-6) throws {
        guard x.key != y.key else { throw SceneError("--x and --y both vary \(x.key): choose two keys") }
        guard (1...2000).contains(columns), (1...2000).contains(rows) else {
            throw SceneError("the phase grid must be 1x1 to 2000x2000 cells, got \(columns)x\(rows)")
        }
        guard tolerance > 0 else { throw SceneError("--tolerance must be > 0, got \(tolerance)") }
        guard let found = scene.surface.minima.map(scene.surface.value).min() else {
            throw SceneError("a phase map measures the gap to the surface's minima, and \(scene.surface.displayName) lists none")
        }
        for axis in [x, y] { try Self.check(axis, runner) }
        (self.scene, self.runner, self.x, self.y, self.columns, self.rows) = (scene, runner, x, y, columns, rows)
        (self.metric, self.tolerance, lowest) = (metric, tolerance, found)
        let count = columns * rows, chunks = ProcessInfo.processInfo.activeProcessorCount * 8
        let configurations = try (0..<count).map { i in
            try Self.configuration(runner.configuration, [(x.key, x.value(i % columns, of: columns)),
                                                         (y.key, y.value(rows - 1 - i / columns, of: rows))])
        }
        let surface = scene.surface, start = scene.start, steps = scene.steps, lowest = found
        let startLoss = surface.value(at: start), limit = Self.divergenceFactor * max(abs(startLoss), 1e-300)
        let drawn = scene.noise?.drawn(steps: steps)
        let cells = try (0..<chunks).map { count * $0 / chunks..<count * ($0 + 1) / chunks }.concurrentMap { range in
            try range.map { i -> (Double, Int?) in
                var reached: Int?, last = startLoss
                let stopped = try Stepping.walk(try Optimizer<Double>(configurations[i]), on: surface, from: start, steps: steps,
                                                noise: drawn, batchSize: scene.batchSize, visit: { _, _ in }, until: { step, loss in
                    last = loss
                    if reached == nil, loss - lowest <= tolerance { reached = step }
                    return loss > limit || (metric == .stepsToTolerance && reached != nil)
                })
                if let stopped, reached == nil || metric == .finalGap { return (.nan, stopped) }
                return metric == .finalGap ? (max(0, last - lowest), nil) : (reached.map(Double.init) ?? .nan, nil)
            }
        }.flatMap { $0 }
        values = cells.map(\.0)
        divergedAt = cells.map(\.1)
    }

    /// `configuration` with each key set: the learning rate (a constant) or a rule's value.
    static func configuration(_ configuration: OptimizerConfiguration, _ settings: [(String, Double)]) throws -> OptimizerConfiguration {
        var changed = configuration, values = configuration.rule.values
        for (key, value) in settings {
            if key == "learning_rate" { changed.learningRate = .constant(value) } else { values[key] = value }
        }
        changed.rule = try configuration.rule.entry.rule(values)
        return changed
    }

    /// Throws unless `axis` names the learning rate or a numeric key of the runner's rule, over
    /// values that key accepts.
    static func check(_ axis: PhaseAxis, _ runner: Runner) throws {
        let entry = runner.rule.entry
        let parameter = axis.key == "learning_rate" ? OptimizerConfiguration.learningRateArgument
            : entry.hyperparameters.first { $0.key == axis.key && $0.kind != .flag }
        guard let parameter else {
            let keys = ["learning_rate"] + entry.hyperparameters.filter { $0.kind != .flag }.map(\.key)
            throw SceneError("\(runner.label) has no key '\(axis.key)' to map: choose one of \(keys.joined(separator: ", "))")
        }
        guard parameter.accepts(axis.from), parameter.accepts(axis.to) else {
            throw SceneError("\(axis.description) is outside \(axis.key)'s accepted values (\(parameter.allowed))")
        }
    }

    /// The runner's own value of `key` (a schedule's initial rate), to mark on the map.
    public func ownValue(_ key: String) -> Double {
        key == "learning_rate" ? runner.configuration.learningRate.initialValue : runner.rule.values[key] ?? .nan
    }

    /// `x,y,metric,diverged_at`, one row per cell from the top row; `metric` empty where it is NaN.
    public func csv() -> String {
        var lines = ["\(x.key),\(y.key),\(metric.rawValue),diverged_at"]
        for i in 0..<columns * rows {
            let value = values[i].isNaN ? "" : "\(values[i])"
            lines.append("\(x.value(i % columns, of: columns)),\(y.value(rows - 1 - i / columns, of: rows)),\(value),\(divergedAt[i].map(String.init) ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
