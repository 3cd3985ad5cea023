import ArgumentParser
import FashionMNIST
import Foundation
import Landscape
import Optimizers

/// Full-batch gradient descent on the first images of Fashion-MNIST, the Hessian's top eigenvalue
/// (Lanczos on exact Hessian-vector products) measured along the way against gradient
/// descent's stability limit 2/lr (Cohen et al. 2021): whether this network reaches the edge of
/// stability at a rate, and how long each measurement takes.
struct EdgeOfStabilityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edge-of-stability",
        abstract: "Sharpness along full-batch gradient descent on N images, against 2/lr (the curvature groundwork of issue 28)."
    )

    @Option(parsing: .unconditional, help: "Images in the full batch (the first N training images).")
    var samples = 5_000

    @Option(parsing: .unconditional, help: "Gradient descent's learning rate.")
    var learningRate = 0.1

    @Option(parsing: .unconditional, help: "Steps of gradient descent.")
    var steps = 300

    @Option(parsing: .unconditional, help: "Measure the sharpness every this many steps.")
    var every = 25

    @Flag(help: "Measure the step after each measured one too: at the edge of stability the weights swing to and fro every step.")
    var alsoNext = false

    @Option(parsing: .unconditional, help: "The Lanczos iteration's tolerance on the top Ritz value's residual, relative to the value.")
    var tolerance = 1e-3

    @Option(help: "Folder with the four gzip'd IDX files.")
    var dataDir = FashionMNISTData.defaultDirectory

    func run() throws {
        let images = try FashionMNISTData.loadTrain(from: dataDir).prefix(samples)
        var rng = RandomSource(seed: 1)
        let network = MLP(sizes: MLP.seedSizes, maxBatch: images.count, library: .fastest, rng: &rng)
        _ = network.input.update(fromContentsOf: images.pixels)
        let optimizer = try Optimizer<Float>(OptimizerKind.sgd.configuration(learningRate: learningRate), variables: network.variables)
        var product = [Float](repeating: 0, count: network.parameterCount)
        print(String(format: "full-batch gradient descent on %d images at lr %g; 2/lr = %.1f", images.count, learningRate, 2 / learningRate))
        for step in 0...steps {
            if step % every == 0 || (alsoNext && step % every == 1) {
                var loss = 0.0
                let started = DispatchTime.now().uptimeNanoseconds
                let top = try images.labels.withUnsafeBufferPointer { labels in
                    try Lanczos.top(count: network.parameterCount, tolerance: tolerance, maxIterations: 200) { v in
                        v.withUnsafeBufferPointer { v in
                            product.withUnsafeMutableBufferPointer { loss = network.hessianVectorProduct(v, labels: labels, rows: images.count, into: $0).lossSum }
                        }
                        return product
                    }
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                print(String(format: "step %4d  loss %.4f  sharpness %8.2f (%2d products%@, %.1f s)  sharpness x lr / 2 = %.2f", step,
                             loss / Double(images.count), top.values[0], top.iterations, top.converged ? "" : ", not settled", seconds,
                             top.values[0] * learningRate / 2))
            }
            guard step < steps else { break }
            _ = images.labels.withUnsafeBufferPointer { network.trainStep(labels: $0, rows: images.count) }
            try optimizer.update(parameters: network.parameters, gradients: UnsafeBufferPointer(network.gradients))
        }
    }
}
