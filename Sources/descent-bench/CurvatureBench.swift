import ArgumentParser
import FashionMNIST
import Foundation
import Optimizers

/// A Hessian-vector product of the seed's network over a sample of images, against a gradient
/// over the same images and the machine's FMA peak, measured in turns.
struct CurvatureBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvature",
        abstract: "Seconds per Hessian-vector product over 5,000 images (target <= 2.5x a gradient, >= 60 % of the FMA peak)."
    )

    @Option(parsing: .unconditional, help: "Images the product is taken over (random pixels: the time does not depend on them).")
    var samples = 5_000

    @Option(parsing: .unconditional, help: "Rounds; each times a gradient, a product and the FMA peak.")
    var rounds = 5

    @Option(help: "Library for the matrix products (auto: the faster on this machine).")
    var matrixLibrary = MatrixLibraryChoice.auto

    func run() throws {
        var rng = RandomSource(seed: 1)
        let library = matrixLibrary.library
        let network = MLP(sizes: MLP.seedSizes, maxBatch: samples, library: library, rng: &rng)
        for i in 0..<network.input.count { network.input[i] = Float.random(in: 0...1, using: &rng) }
        let labels = (0..<samples).map { _ in UInt8.random(in: 0..<10, using: &rng) }
        let direction = (0..<network.parameterCount).map { _ in Float.random(in: -1...1, using: &rng) }
        var product = [Float](repeating: 0, count: network.parameterCount)
        var gradient = Double.infinity, hvp = Double.infinity, peak = 0.0
        for _ in 0..<rounds {
            gradient = min(gradient, seconds { labels.withUnsafeBufferPointer { _ = network.trainStep(labels: $0, rows: samples) } })
            hvp = min(hvp, seconds {
                labels.withUnsafeBufferPointer { l in
                    direction.withUnsafeBufferPointer { v in product.withUnsafeMutableBufferPointer { _ = network.hessianVectorProduct(v, labels: l, rows: samples, into: $0) } }
                }
            })
            peak = max(peak, MachinePeak.fmaGFLOPs())
        }
        // Multiply-adds per image: a gradient's forward, errors and weight gradients; the product's
        // forward and errors, and its R-passes — R-forward, R-errors, R-weight gradients (the first
        // layer has no R{input} and sends no error back).
        let f = Double(network.forwardMultiplyAdds), first = Double(MLP.seedSizes[0] * MLP.seedSizes[1])
        let gradientFlops = 2 * (3 * f - first) * Double(samples), productFlops = 2 * (7 * f - 5 * first) * Double(samples)
        print("\(MachinePeak.cpuModel), \(ProcessInfo.processInfo.activeProcessorCount) cores, products on \(library.rawValue)")
        print(String(format: "gradient over %d images: %.1f ms (%.0f GFLOP/s)", samples, 1e3 * gradient, gradientFlops / gradient / 1e9))
        print(String(format: "Hessian-vector product: %.1f ms (%.0f GFLOP/s), %.2fx the gradient (target <= 2.5x)",
                     1e3 * hvp, productFlops / hvp / 1e9, hvp / gradient))
        print(String(format: "FMA peak (%@): %.0f GFLOP/s; the product runs at %.0f %% of it (target >= 60 %%)",
                     MachinePeak.fmaVectors, peak, 100 * productFlops / hvp / 1e9 / peak))
    }
}
