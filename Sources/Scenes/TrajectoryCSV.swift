import Surfaces

/// Paths as CSV: `optimizer,step,x,y,loss`, step 0 being the start point; a noisy scene's runs
/// as `optimizer,run,step,x,y,loss` (run from 1). Numbers are written in Swift's shortest
/// round-tripping form, so reading them back gives the same Doubles.
public enum TrajectoryCSV {
    /// The header of one run's paths.
    public static let header = "optimizer,step,x,y,loss"
    /// The header of several runs' paths.
    public static let runsHeader = "optimizer,run,step,x,y,loss"

    /// Every point of `paths`, one row each under `header`.
    public static func write(_ paths: [Trajectory]) -> String {
        var lines = [header]
        for path in paths {
            for (step, (p, loss)) in zip(path.points, path.losses).enumerated() {
                lines.append("\(path.runner.label),\(step),\(p.x),\(p.y),\(loss)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every run of a noisy scene (``Scene/runAll()``), with its run number.
    public static func write(runs: [[Trajectory]]) -> String {
        var lines = [runsHeader]
        for (r, paths) in runs.enumerated() {
            for path in paths {
                for (step, (p, loss)) in zip(path.points, path.losses).enumerated() {
                    lines.append("\(path.runner.label),\(r + 1),\(step),\(p.x),\(p.y),\(loss)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row read back.
    public struct Row: Equatable {
        /// The optimizer's stable name.
        public var optimizer: String
        /// The step (0: the start).
        public var step: Int
        /// The point after that step.
        public var point: Point
        /// The loss there.
        public var loss: Double
    }

    /// Reads rows written by ``write(_:)``.
    public static func read(_ text: String) throws -> [Row] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(header) else { throw SceneError("CSV must start with '\(header)'") }
        lines.removeFirst()
        return try lines.enumerated().map { index, line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 5, let step = Int(f[1]), let x = Double(f[2]), let y = Double(f[3]), let loss = Double(f[4]) else {
                throw SceneError("CSV line \(index + 2) is malformed: \(line)")
            }
            return Row(optimizer: String(f[0]), step: step, point: Point(x, y), loss: loss)
        }
    }
}
