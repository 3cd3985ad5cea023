import ArgumentParser
import CommandLineSupport
import FashionMNIST
import Foundation
import Landscape

/// `mnist-compare curvature`: the Hessian's curvature along each optimizer's path and at the
/// minima, and the barriers between the minima, from the snapshots a training run kept.
struct CurvatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvature",
        abstract: "Measure the sharpness along every optimizer's path, the curvature of its minimum, and the barriers between minima.",
        discussion: """
            Reads the snapshots a training run kept in --out. At every snapshot: the Hessian's top eigenvalue by the \
            Lanczos iteration on exact Hessian-vector products (forward-over-backward), the top eigenvalue of P⁻¹H for a rule \
            that scales each coordinate (P from the optimizer's state in the snapshot), and the trace (Hutchinson). At \
            each final minimum: the top eigenvalues and the loss along the first one's vector. For every pair of \
            minima: the barrier on the straight line, before and after aligning the hidden units (with --versus-seed, \
            also to another seed's minima). Writes sharpness.csv, sharpness.png, minima-curvature.csv, minima-slices.png, \
            barriers.csv and barriers.png (and barriers-seeds.png) there, and keeps \
            each measurement in curvature/: running the command again resumes. Never trains.
            """
    )

    @Option(help: "The training run's output folder (mnist-compare train --out): snapshots in, curvature out.")
    var out = "Output/fashion-mnist"

    @Option(parsing: .unconditional, help: "Training images the loss is averaged over: the first N, the same at every snapshot.")
    var samples = 5_000

    @Option(parsing: .unconditional, help: "Random ±1 vectors for each trace estimate (Hutchinson).")
    var probes = 10

    @Option(parsing: .unconditional, help: "Lanczos stops when each wanted eigenvalue's residual is within this fraction of the eigenvalue.")
    var tolerance = 1e-3

    @Option(parsing: .unconditional, help: "The Lanczos iteration's limit on Hessian-vector products (one basis vector of 7.4 MB each).")
    var maxIterations = 100

    @Option(parsing: .unconditional, help: "Eigenvalues measured at each final minimum.")
    var top = 5

    @Option(parsing: .unconditional, help: "Points of the slice along each minimum's top eigenvector (odd: the minimum is the middle one).")
    var slicePoints = 21

    @Option(parsing: .unconditional, help: "How far the slice reaches each way from the minimum, in parameter-space distance.")
    var sliceRadius = 1.0

    @Option(parsing: .unconditional, help: "Points along each straight line between two minima; 0 skips the barriers.")
    var linePoints = 21

    @Option(parsing: .unconditional, help: "The seed whose runs to measure.")
    var seed = 1

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Also measure the barrier from each of --seed's minima to each of this seed's (other initial weights: where aligning the units matters), "
            + "into barriers-seeds.png.", valueName: "seed"))
    var versusSeed: Int?

    @Option(help: ArgumentHelp("Measure only share K of N of the measurements (each kept in curvature/); --merge writes the outputs.",
                               valueName: "k/n"))
    var shard: Share?

    @Flag(help: "Write the outputs from the measurements the shares kept in --out.")
    var merge = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Size of sharpness.png and barriers.png.", valueName: "width>x<height"))
    var size = ImageSize(argument: "1400x700")!

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (1...60_000).contains(samples) else { throw ValidationError("--samples \(samples) is out of range: 1 to 60000") }
        guard (1...10_000).contains(probes) else { throw ValidationError("--probes \(probes) is out of range: 1 to 10000") }
        guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance \(tolerance) is out of range: above 0, below 1") }
        guard (1...10_000).contains(maxIterations) else { throw ValidationError("--max-iterations \(maxIterations) is out of range: 1 to 10000") }
        guard (1...50).contains(top) else { throw ValidationError("--top \(top) is out of range: 1 to 50") }
        guard (3...1001).contains(slicePoints), slicePoints % 2 == 1 else {
            throw ValidationError("--slice-points \(slicePoints) must be odd, 3 to 1001")
        }
        guard sliceRadius > 0, sliceRadius.isFinite else { throw ValidationError("--slice-radius \(sliceRadius) must be above 0") }
        guard linePoints == 0 || (2...1001).contains(linePoints) else {
            throw ValidationError("--line-points \(linePoints) is out of range: 0, or 2 to 1001")
        }
        guard seed >= 0 else { throw ValidationError("--seed must be >= 0, got \(seed)") }
        if let versusSeed, versusSeed < 0 || versusSeed == seed {
            throw ValidationError("--versus-seed \(versusSeed) must be another seed than --seed \(seed), >= 0")
        }
        if versusSeed != nil, linePoints == 0 { throw ValidationError("--versus-seed needs barriers: --line-points must not be 0") }
        if shard != nil, merge { throw ValidationError("give --shard or --merge, not both") }
        guard (480...4096).contains(size.width), (240...4096).contains(size.height) else {
            throw ValidationError("--size \(size.width)x\(size.height) is out of range: 480 to 4096 pixels across, 240 to 4096 down")
        }
    }

    func run() throws {
        var job = CurvatureJob()
        job.settings = CurvatureSettings(samples: samples, probes: probes, tolerance: tolerance, maxIterations: maxIterations, top: top,
                                         slicePoints: slicePoints, sliceRadius: sliceRadius, linePoints: linePoints,
                                         library: data.matrixLibrary.library.rawValue)
        (job.seed, job.versusSeed, job.shard, job.merge) = (seed, versusSeed, shard.map { ($0.index, $0.count) }, merge)
        job.size = PictureSize(width: size.width, height: size.height)
        try job.run(in: URL(fileURLWithPath: out), images: { try FashionMNISTData.load(from: data.dataDir).train.prefix($0) },
                    report: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })  // unbuffered: a log follows the run
    }
}
