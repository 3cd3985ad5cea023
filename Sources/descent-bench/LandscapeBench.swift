import ArgumentParser
import FashionMNIST
import Landscape
import Foundation

/// The landscape's cost: a grid point's forward passes of the seed's MLP over a batch of images
/// (its first layer combined from the plane's products, as the command does), next to the FMA
/// peak measured in the same run.
struct LandscapeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Grid points of mnist-compare landscape per second (10,000-image forward passes) next to the FMA peak."
    )

    @Option(parsing: .unconditional, help: "Images per point.")
    var samples = 10_000

    @Option(parsing: .unconditional, help: "Points per timed round.")
    var points = 10

    @Option(parsing: .unconditional, help: "Rounds; each times the points and the FMA peak.")
    var rounds = 5

    @Option(help: "Library for the matrix products (auto: the faster here).")
    var matrixLibrary = MatrixLibraryChoice.auto

    func validate() throws {
        guard samples > 0, points > 0, rounds > 0 else { throw ValidationError("--samples, --points and --rounds must be > 0") }
    }

    func run() throws {
        // Pixels do not change the work: made-up images, the seed's network at its initial weights.
        var rng = RandomSource(seed: 5)
        let images = LabeledImages(pixels: (0..<samples * LabeledImages.features).map { _ in Float.random(in: 0..<1, using: &rng) },
                                   labels: (0..<samples).map { UInt8($0 % 10) })
        let library = matrixLibrary.library
        let probe = LossProbe(sizes: MLP.seedSizes, images: images, library: library)
        let plane = LossPlane.filterNormalised(around: Array(probe.network.parameters), sizes: MLP.seedSizes, seed: 1)
        let onPlane = PlaneProbe(probe, plane: plane)
        _ = onPlane.evaluate(a: 0.5, b: 0.5)
        // The multiply-adds a point does: every layer's product but the first, and the first
        // layer's combination of three products (two per hidden unit and image).
        let sizes = MLP.seedSizes, first = sizes[0] * sizes[1]
        let work = 2 * Double(probe.network.forwardMultiplyAdds - first + 2 * sizes[1]) * Double(samples)
        var rates: [Double] = [], peaks: [Double] = [], perPoint: [Double] = []
        for _ in 0..<rounds {
            let time = seconds { for k in 0..<points { _ = onPlane.evaluate(a: Double(k) / 10, b: 0.3) } }
            perPoint.append(time / Double(points))
            rates.append(work * Double(points) / time / 1e9)
            peaks.append(MachinePeak.fmaGFLOPs())
        }
        print("CPU: \(MachinePeak.cpuModel); FMA peak loop in \(MachinePeak.fmaVectors); \(library.kernels)")
        print("grid points of \(sizes.map(String.init).joined(separator: "-")) over \(samples) images (first layer combined from the plane's "
              + "products: \(String(format: "%.1f", work / 1e9)) GFLOP a point instead of \(String(format: "%.1f", 2 * Double(probe.network.forwardMultiplyAdds) * Double(samples) / 1e9))), "
              + "\(points) points a round, \(rounds) rounds:")
        for (name, rate, peak, time) in [("best", rates.max()!, peaks.max()!, perPoint.min()!), ("median", Statistics.median(rates), Statistics.median(peaks), Statistics.median(perPoint))] {
            print(String(format: "%@ %6.1f GFLOP/s = %3.0f %% of the FMA peak (%.1f GFLOP/s); %.3f s a point, a 31x31 grid in %.0f s",
                         name.padding(toLength: 7, withPad: " ", startingAt: 0), rate, 100 * rate / peak, peak, time, 961 * time))
        }
    }
}
