import Foundation

/// The loss and accuracy of weights over a fixed set of images: the network's forward pass,
/// all of them in one batch spread over the cores (large products run near the library's
/// sgemm rate). The images are copied in once; only the weights change between calls.
public final class LossProbe {
    public let network: MLP
    private let labels: [UInt8]

    /// A probe of a `sizes` network over every image of `images`, its products on `library`.
    public init(sizes: [Int], images: LabeledImages, library: MatrixLibrary) {
        var rng = RandomSource(seed: 0)
        network = MLP(sizes: sizes, maxBatch: images.count, library: library, rng: &rng)
        labels = images.labels
        network.input.baseAddress!.update(from: images.pixels, count: images.pixels.count)
    }

    /// Mean cross-entropy and accuracy at `weights` (every parameter, as ``MLP/parameters``).
    public func evaluate(_ weights: UnsafeBufferPointer<Float>) -> (loss: Double, accuracy: Double) {
        precondition(weights.count == network.parameterCount)
        network.parameters.baseAddress!.update(from: weights.baseAddress!, count: weights.count)
        let score = labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: labels.count) }
        return (score.lossSum / Double(labels.count), Double(score.correct) / Double(labels.count))
    }

    /// The same at plane coordinates (a, b).
    public func evaluate(_ plane: LossPlane, a: Double, b: Double) -> (loss: Double, accuracy: Double) {
        let weights = UnsafeMutableBufferPointer<Float>.allocate(capacity: network.parameterCount)
        defer { weights.deallocate() }
        plane.weights(a: a, b: b, into: weights)
        return evaluate(UnsafeBufferPointer(weights))
    }
}
