import ArgumentParser
import FashionMNIST
import Foundation

/// The landscape's cost: forward passes of the seed's MLP over a batch of images at a point of
/// the plane, next to the FMA peak measured in the same run.
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
        let weights = Array(probe.network.parameters)
        _ = weights.withUnsafeBufferPointer { probe.evaluate($0) }
        let flops = 2 * Double(probe.network.forwardMultiplyAdds) * Double(samples) * Double(points)
        var rates: [Double] = [], peaks: [Double] = []
        for _ in 0..<rounds {
            let time = seconds { for _ in 0..<points { _ = weights.withUnsafeBufferPointer { probe.evaluate($0) } } }
            rates.append(flops / time / 1e9)
            peaks.append(MachinePeak.fmaGFLOPs())
        }
        print("CPU: \(MachinePeak.cpuModel); FMA peak loop in \(MachinePeak.fmaVectors); \(library.kernels)")
        print("forward passes of \(MLP.seedSizes.map(String.init).joined(separator: "-")) over \(samples) images, \(points) points a round, \(rounds) rounds:")
        let perImage = 2 * Double(probe.network.forwardMultiplyAdds)
        for (name, rate, peak) in [("best", rates.max()!, peaks.max()!), ("median", median(rates), median(peaks))] {
            let perPoint = perImage * Double(samples) / rate / 1e9
            print(String(format: "%@ %6.1f GFLOP/s = %3.0f %% of the FMA peak (%.1f GFLOP/s); %.3f s a point, a 31x31 grid in %.0f s",
                         name.padding(toLength: 7, withPad: " ", startingAt: 0), rate, 100 * rate / peak, peak, perPoint, 961 * perPoint))
        }
    }
}
