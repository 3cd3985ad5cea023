import ArgumentParser
import CommandLineSupport
import FashionMNIST
import Foundation
import Rendering

/// `mnist-compare landscape`: the loss over a plane through the shared initial weights that
/// holds the optimizers' paths (Li et al. 2018), from the snapshots a training run kept.
struct Landscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Map the loss over a plane through the initial weights that holds every optimizer's path.",
        discussion: """
            Reads the snapshots a training run kept in --out and writes landscape.png, landscape.gif \
            (frames in landscape-frames/), landscape.csv and paths.csv there. Never trains.
            """
    )

    @Option(help: "The training run's output folder (mnist-compare train --out): snapshots in, landscape out.")
    var out = "Output/fashion-mnist"

    @Option(help: ArgumentHelp("Points of the plane's grid.", valueName: "columns>x<rows"))
    var grid = Grid(argument: "31x31")!

    @Option(parsing: .unconditional, help: "Training images the loss is averaged over: the first N, the same at every point.")
    var samples = 10_000

    @Option(help: ArgumentHelp("pca: the first two principal directions of the snapshots' displacements from the initial weights; "
                               + "endpoints:A,B: the plane through the initial weights and A's and B's final weights.",
                               valueName: "pca|endpoints:a,b"))
    var plane = PlaneChoice.pca

    @Option(parsing: .unconditional, help: "The seed whose runs to map.")
    var seed = 1

    @Option(help: ArgumentHelp("Compute only share K of N of the grid's rows, into landscape-share-K-of-N.json; --merge assembles them.",
                               valueName: "k/n"))
    var shard: Share?

    @Flag(help: "Assemble the shares in --out into the outputs.")
    var merge = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Size of landscape.png and the animation's frames.", valueName: "width>x<height"))
    var size = ImageSize(argument: "900x900")!

    @Option(parsing: .unconditional, help: "Points per side of the plane around each optimizer's final weights (minima.png); 0 skips it.")
    var around = 11

    @Option(parsing: .unconditional, help: "Points along each straight line between weight sets (lines.png); 0 skips them.")
    var linePoints = 21

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (2...401).contains(grid.columns), (2...401).contains(grid.rows) else {
            throw ValidationError("--grid \(grid.columns)x\(grid.rows) is out of range: each side must be 2 to 401")
        }
        guard (1...60_000).contains(samples) else { throw ValidationError("--samples \(samples) is out of range: 1 to 60000") }
        guard seed >= 0 else { throw ValidationError("--seed must be >= 0, got \(seed)") }
        if shard != nil, merge { throw ValidationError("give --shard or --merge, not both") }
        guard around == 0 || (3...101).contains(around) else { throw ValidationError("--around \(around) is out of range: 0, or 3 to 101") }
        guard linePoints == 0 || (2...1001).contains(linePoints) else {
            throw ValidationError("--line-points \(linePoints) is out of range: 0, or 2 to 1001")
        }
        guard (240...4096).contains(size.width), (240...4096).contains(size.height) else {
            throw ValidationError("--size \(size.width)x\(size.height) is out of range: each side must be 240 to 4096 pixels")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        let runs = try LandscapeRuns.load(from: folder, seed: UInt64(seed))
        let planeStarted = Date()
        let lossPlane = try plane.plane(through: runs)
        print(String(format: "plane (%@) through %d snapshots of %@ in %.1f s", plane.description, runs.runs.map(\.snapshots.count).reduce(0, +),
                     runs.runs.map(\.optimizer.name).joined(separator: ", "), Date().timeIntervalSince(planeStarted))
              + (lossPlane.explained.map { String(format: ": principal directions holding %.1f %% and %.1f %% of the squared displacement", 100 * $0.0, 100 * $0.1) } ?? ""))
        let projected = runs.runs.map { run in run.snapshots.map { lossPlane.project($0.weights) } }
        var values = LandscapeGrid(columns: grid.columns, rows: grid.rows, window: projected.joined().map { ($0.a, $0.b) })
        if merge {
            values = try LandscapeShare.merge(in: folder, seed: seed, samples: samples, plane: plane.description,
                                              library: data.matrixLibrary.library.rawValue, into: values)
        }
        let probe = try self.probe(sizes: runs.sizes)
        if !merge {
            let rows = shard.map { values.rows(ofShare: $0.index, of: $0.count) } ?? 0..<values.rows
            let started = Date(), progress = Progress()
            values.compute(rows: rows, on: lossPlane, with: probe) { done, total in progress.show("landscape: point \(done)/\(total)") }
            progress.clear()
            let seconds = Date().timeIntervalSince(started), points = rows.count * values.columns
            // The work a point does: every layer's product but the first, whose output is combined
            // from the plane's three products (two multiply-adds per hidden unit and image).
            let sizes = runs.sizes, work = probe.network.forwardMultiplyAdds - sizes[0] * sizes[1] + 2 * sizes[1]
            print(String(format: "landscape: %d points x %d images in %.1f s (%.3f s a point, %.1f GFLOP/s)", points, samples, seconds,
                         seconds / Double(max(points, 1)), 2 * Double(work) * Double(samples) * Double(points) / seconds / 1e9))
            if let shard {
                try LandscapeShare(share: shard.index, of: shard.count, seed: seed, samples: samples, plane: plane.description,
                                   library: probe.network.library.rawValue, grid: values).write(in: folder)
                print("share \(shard.index) of \(shard.count) in \(LandscapeShare.url(in: folder, share: shard.index, of: shard.count).path)")
                return
            }
        }
        let outputs = LandscapeOutputs(grid: values, plane: lossPlane, runs: runs, projected: projected, probe: probe, size: size)
        try outputs.write(in: folder)
        let started = Date()
        try LandscapeMinima(runs: runs, probe: probe, side: around, linePoints: linePoints, size: size).write(in: folder, save: outputs.write)
        if around + linePoints > 0 {
            print(String(format: "around the minima and along the lines in %.1f s: minima.png, minima.csv, lines.png, lines.csv", Date().timeIntervalSince(started)))
        }
    }

    /// The loss over the first `samples` training images.
    func probe(sizes: [Int]) throws -> LossProbe {
        let images = try FashionMNISTData.load(from: data.dataDir).train.prefix(samples)
        return LossProbe(sizes: sizes, images: images, library: data.matrixLibrary.library)
    }
}

/// `pca` or `endpoints:A,B`.
enum PlaneChoice: ExpressibleByArgument, CustomStringConvertible {
    case pca
    case endpoints(String, String)

    init?(argument: String) {
        if argument == "pca" { self = .pca; return }
        let names = argument.split(separator: ":", maxSplits: 1)
        guard names.count == 2, names[0] == "endpoints" else { return nil }
        let pair = names[1].split(separator: ",").map(String.init)
        guard pair.count == 2, pair[0] != pair[1] else { return nil }
        self = .endpoints(pair[0], pair[1])
    }

    var description: String {
        switch self {
        case .pca: "pca"
        case let .endpoints(a, b): "endpoints:\(a),\(b)"
        }
    }

    var defaultValueDescription: String { description }

    func plane(through runs: LandscapeRuns) throws -> LossPlane {
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

/// `K/N`: share K (from 1) of N.
struct Share: ExpressibleByArgument {
    let index: Int, count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, n <= 10_000, (1...n).contains(k) else { return nil }
        (index, count) = (k, n)
    }
}
