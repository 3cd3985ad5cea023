import FashionMNIST
import Foundation

/// `pca` (the first two principal directions of the snapshots' displacements from the initial
/// weights) or `endpoints:A,B` (the plane through the initial weights and A's and B's final ones).
public enum PlaneChoice: Sendable, CustomStringConvertible {
    /// The first two principal directions of the snapshots' displacements from the initial weights.
    case pca
    /// The plane through the initial weights and these two optimizers' final weights.
    case endpoints(String, String)

    /// Reads `pca` or `endpoints:A,B` (two different names); nil for anything else.
    public init?(_ text: String) {
        if text == "pca" { self = .pca; return }
        let names = text.split(separator: ":", maxSplits: 1)
        guard names.count == 2, names[0] == "endpoints" else { return nil }
        let pair = names[1].split(separator: ",").map(String.init)
        guard pair.count == 2, pair[0] != pair[1] else { return nil }
        self = .endpoints(pair[0], pair[1])
    }

    public var description: String {
        switch self {
        case .pca: "pca"
        case let .endpoints(a, b): "endpoints:\(a),\(b)"
        }
    }

    /// The plane through `runs`.
    public func plane(through runs: LandscapeRuns) throws -> LossPlane {
        switch self {
        case .pca:
            return try LossPlane.principal(origin: runs.origin, snapshots: runs.runs.flatMap { $0.snapshots.dropFirst().map(\.weights) })
        case let .endpoints(a, b):
            let first = try runs.run(named: a), second = try runs.run(named: b)
            return try LossPlane.through(origin: runs.origin, first.final, second.final,
                                         names: ("toward \(first.optimizer.displayName)'s final weights",
                                                 "toward \(second.optimizer.displayName)'s, orthogonalised"))
        }
    }
}

/// The loss landscape of a training run's snapshots (Li et al. 2018): the loss over a plane
/// through the shared initial weights that holds every optimizer's path, on a grid (whole, one
/// share of it for a job runner, or the shares merged), then its pictures and tables, the planes
/// around each minimum and the lines between weight sets. `mnist-compare landscape` wires it.
public struct LandscapeJob: Sendable {
    /// Points of the grid, columns by rows.
    public var columns = 31, rows = 31
    /// Training images the loss is averaged over: the first `samples`, the same at every point.
    public var samples = 10_000
    /// The plane: principal directions, or through two final weight sets.
    public var plane = PlaneChoice.pca
    /// The seed whose runs to map.
    public var seed = 1
    /// Compute only share `index` (from 1) of `count` of the grid's rows, into a share file.
    public var shard: (index: Int, count: Int)?
    /// Assemble the share files instead of computing.
    public var merge = false
    /// The pictures' size.
    public var size = PictureSize(width: 900, height: 900)
    /// Points per side of the plane around each final weight set; 0 skips them.
    public var around = 11
    /// Points along each line between weight sets; 0 skips them.
    public var linePoints = 21
    /// The library that runs the forward passes.
    public var library = MatrixLibrary.oneDNN

    /// The defaults of `mnist-compare landscape`.
    public init() {}

    /// Runs the job on the run folder `folder`: `images(n)` gives the first n training images,
    /// `report` hears each line worth printing, `progress(done, total)` the grid's points.
    public func run(in folder: URL, images: (Int) throws -> LabeledImages, report: (String) -> Void,
                    progress: (Int, Int) -> Void = { _, _ in }) throws {
        let runs = try LandscapeRuns.load(from: folder, seed: UInt64(seed))
        let planeStarted = Date()
        let lossPlane = try plane.plane(through: runs)
        report(String(format: "plane (%@) through %d snapshots of %@ in %.1f s", plane.description, runs.runs.map(\.snapshots.count).reduce(0, +),
                      runs.runs.map(\.optimizer.name).joined(separator: ", "), Date().timeIntervalSince(planeStarted))
               + (lossPlane.explained.map { String(format: ": principal directions holding %.1f %% and %.1f %% of the squared displacement", 100 * $0.0, 100 * $0.1) } ?? ""))
        let projected = runs.runs.map { run in run.snapshots.map { lossPlane.project($0.weights) } }
        var values = LandscapeGrid(columns: columns, rows: rows, window: projected.joined().map { ($0.a, $0.b) })
        if merge {
            values = try LandscapeShare.merge(in: folder, seed: seed, samples: samples, plane: plane.description,
                                              library: library.rawValue, into: values)
        }
        let probe = LossProbe(sizes: runs.sizes, images: try images(samples), library: library)
        if !merge {
            let rowRange = shard.map { values.rows(ofShare: $0.index, of: $0.count) } ?? 0..<values.rows
            let started = Date()
            values.compute(rows: rowRange, on: lossPlane, with: probe, progress: progress)
            let seconds = Date().timeIntervalSince(started), points = rowRange.count * values.columns
            // The work a point does: every layer's product but the first, whose output is combined
            // from the plane's three products (two multiply-adds per hidden unit and image).
            let sizes = runs.sizes, work = probe.network.forwardMultiplyAdds - sizes[0] * sizes[1] + 2 * sizes[1]
            report(String(format: "landscape: %d points x %d images in %.1f s (%.3f s a point, %.1f GFLOP/s)", points, samples, seconds,
                          seconds / Double(max(points, 1)), 2 * Double(work) * Double(samples) * Double(points) / seconds / 1e9))
            if let shard {
                try LandscapeShare(share: shard.index, of: shard.count, seed: seed, samples: samples, plane: plane.description,
                                   library: probe.network.library.rawValue, grid: values).write(in: folder)
                return report("share \(shard.index) of \(shard.count) in \(LandscapeShare.url(in: folder, share: shard.index, of: shard.count).path)")
            }
        }
        let outputs = LandscapeOutputs(grid: values, plane: lossPlane, runs: runs, projected: projected, probe: probe, size: size)
        try outputs.write(in: folder, report: report)
        let started = Date()
        try LandscapeMinima(runs: runs, probe: probe, side: around, linePoints: linePoints, size: size).write(in: folder, save: outputs.write)
        if around + linePoints > 0 {
            report(String(format: "around the minima and along the lines in %.1f s: minima.png, minima.csv, lines.png, lines.csv",
                          Date().timeIntervalSince(started)))
        }
    }
}
