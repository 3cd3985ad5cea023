import ArgumentParser
import FashionMNIST
import Foundation
import Optimizers

/// A Hessian-vector product of the seed's network over a sample of images, against a gradient
/// over the same images and the machine's FMA peak, measured in turns.
struct CurvatureBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvature",
        abstract: "Seconds per Hessian-vector product over 5,000 images (target <= 2.5x a gradient, >= 60 % of the FMA peak), whole and at kept weights."
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
        var gradient = Double.infinity, hvp = Double.infinity, prepared = Double.infinity, peak = 0.0
        for _ in 0..<rounds {
            gradient = min(gradient, seconds { labels.withUnsafeBufferPointer { _ = network.trainStep(labels: $0, rows: samples) } })
            hvp = min(hvp, seconds {
                labels.withUnsafeBufferPointer { l in
                    direction.withUnsafeBufferPointer { v in product.withUnsafeMutableBufferPointer { _ = network.hessianVectorProduct(v, labels: l, rows: samples, into: $0) } }
                }
            })
            // As the curvature takes its products: the forward pass and errors kept from the one before.
            prepared = min(prepared, seconds {
                direction.withUnsafeBufferPointer { v in product.withUnsafeMutableBufferPointer { network.preparedHessianVectorProduct(v, rows: samples, into: $0) } }
            })
            peak = max(peak, MachinePeak.fmaGFLOPs())
        }
        // Multiply-adds per image, f a forward pass's and `first` its first layer's: a gradient's
        // forward (f), errors (f - first: the first layer sends none back) and weight gradients (f);
        // the product's R-passes — R-forward (2f - first: the input has no R{input}), R-errors
        // (2(f - first)), R-weight gradients (2f - first) — after the same forward and errors.
        let f = Double(network.forwardMultiplyAdds), first = Double(MLP.seedSizes[0] * MLP.seedSizes[1])
        let gradientFlops = 2 * (3 * f - first) * Double(samples), rFlops = 2 * (6 * f - 4 * first) * Double(samples)
        let productFlops = rFlops + 2 * (2 * f - first) * Double(samples)
        print("\(MachinePeak.cpuModel), \(ProcessInfo.processInfo.activeProcessorCount) cores, products on \(library.rawValue)")
        print(String(format: "FMA peak (%@): %.0f GFLOP/s", MachinePeak.fmaVectors, peak))
        print(String(format: "gradient over %d images: %.1f ms (%.0f GFLOP/s, %.0f %% of the peak)", samples, 1e3 * gradient,
                     gradientFlops / gradient / 1e9, 100 * gradientFlops / gradient / 1e9 / peak))
        print(String(format: "Hessian-vector product: %.1f ms (%.0f GFLOP/s, %.0f %% of the peak; target >= 60 %%), %.2fx the gradient "
                     + "(target <= 2.5x; %.2fx its multiply-adds)", 1e3 * hvp, productFlops / hvp / 1e9, 100 * productFlops / hvp / 1e9 / peak,
                     hvp / gradient, productFlops / gradientFlops))
        print(String(format: "at kept weights (the curvature's products): %.1f ms (%.0f GFLOP/s, %.0f %% of the peak), %.2fx the gradient",
                     1e3 * prepared, rFlops / prepared / 1e9, 100 * rFlops / prepared / 1e9 / peak, prepared / gradient))
    }
}
