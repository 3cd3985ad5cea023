import FashionMNIST
import Foundation
import Optimizers

/// The snapshots of every optimizer of one seed in a run's output folder, checked to share
/// their network and their initial weights (so one plane can hold them all).
public struct LandscapeRuns {
    struct Run {
        let optimizer: OptimizerKind
        let snapshots: [Snapshot]
        var final: [Float] { snapshots[snapshots.count - 1].weights }
    }

    let runs: [Run]
    let sizes: [Int]
    /// The initial weights every run started from.
    var origin: [Float] { runs[0].snapshots[0].weights }

    /// Reads `out/snapshots/<optimizer>-seed<seed>/` for every optimizer there, in `--list`'s order.
    static func load(from out: URL, seed: UInt64) throws -> LandscapeRuns {
        let folder = out.appendingPathComponent("snapshots")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let suffix = "-seed\(seed)"
        let kinds = OptimizerKind.allCases.filter { names.contains($0.name + suffix) }
        guard !kinds.isEmpty else {
            throw LandscapeError("no snapshots of seed \(seed) in \(folder.path): run mnist-compare train --out \(out.path) first")
        }
        var sizes: [Int]?
        let runs = try kinds.map { kind in
            // Every optimizer's network as the first one's.
            let snapshots = try Snapshots.load(from: Snapshots.folder(in: out, optimizer: kind.name, seed: seed), sizes: sizes)
            sizes = snapshots.first?.header.sizes
            guard let first = snapshots.first, first.header.step == 0, snapshots.count >= 2 else {
                throw LandscapeError("the snapshots of \(kind.name) (seed \(seed)) lack the initial weights (step 0) or any later step")
            }
            return Run(optimizer: kind, snapshots: snapshots)
        }
        for run in runs.dropFirst() where run.snapshots[0].weights != runs[0].snapshots[0].weights {
            throw LandscapeError("\(run.optimizer.name) and \(runs[0].optimizer.name) did not start from the same weights: not runs of one seed and network")
        }
        return LandscapeRuns(runs: runs, sizes: sizes!)
    }

    func run(named name: String) throws -> Run {
        guard let run = runs.first(where: { $0.optimizer.name == name }) else {
            throw LandscapeError("no snapshots of '\(name)' (there are: \(runs.map(\.optimizer.name).joined(separator: ", ")))")
        }
        return run
    }
}
