import ArgumentParser
import CommandLineSupport
import FashionMNIST
import Foundation
import Landscape

/// `mnist-compare landscape`: the loss over a plane through the shared initial weights that
/// holds the optimizers' paths (Li et al. 2018), from the snapshots a training run kept.
struct LandscapeCommand: ParsableCommand {
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
        var job = LandscapeJob()
        (job.columns, job.rows, job.samples, job.plane, job.seed) = (grid.columns, grid.rows, samples, plane, seed)
        (job.shard, job.merge, job.size) = (shard.map { ($0.index, $0.count) }, merge, PictureSize(width: size.width, height: size.height))
        (job.around, job.linePoints, job.library) = (around, linePoints, data.matrixLibrary.library)
        let progress = Progress()
        try job.run(in: URL(fileURLWithPath: out), images: { try FashionMNISTData.load(from: data.dataDir).train.prefix($0) },
                    report: { progress.clear(); print($0) }, progress: { progress.show("landscape: point \($0)/\($1)") })
        progress.clear()
    }
}

extension PlaneChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { description }
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
