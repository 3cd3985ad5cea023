import FashionMNIST
import Foundation

/// The loss and accuracy of weights over a fixed set of images: the network's forward pass,
/// all of them in one batch spread over the cores (large products run near the library's
/// sgemm rate). The images are copied in once; only the weights change between calls.
public final class LossProbe {
    /// The network whose weights are evaluated.
    public let network: MLP
    let labels: [UInt8]
    /// The number of images.
    var rows: Int { labels.count }

    /// A probe of a `sizes` network over every image of `images`, its products on `library`.
    public init(sizes: [Int], images: LabeledImages, library: MatrixLibrary) {
        var rng = RandomSource(seed: 0)
        network = MLP(sizes: sizes, maxBatch: images.count, library: library, rng: &rng)
        labels = images.labels
        network.input.baseAddress!.update(from: images.pixels, count: images.pixels.count)
    }

    /// Mean cross-entropy and accuracy at `weights` (every parameter, as `MLP/parameters`).
    public func evaluate(_ weights: UnsafeBufferPointer<Float>) -> (loss: Double, accuracy: Double) {
        precondition(weights.count == network.parameterCount)
        network.parameters.baseAddress!.update(from: weights.baseAddress!, count: weights.count)
        let score = labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: labels.count) }
        return (score.lossSum / Double(labels.count), Double(score.correct) / Double(labels.count))
    }

    /// The same at plane coordinates (a, b), the weights made whole first (for many points of
    /// one plane, ``PlaneProbe`` is faster).
    public func evaluate(_ plane: LossPlane, a: Double, b: Double) -> (loss: Double, accuracy: Double) {
        let weights = UnsafeMutableBufferPointer<Float>.allocate(capacity: network.parameterCount)
        defer { weights.deallocate() }
        plane.weights(a: a, b: b, into: weights)
        return evaluate(UnsafeBufferPointer(weights))
    }
}

/// The loss at points of one plane, the first layer's work done once: its products with the
/// images are taken for the plane's origin and for each direction (`X·W₀`, `X·D₁`, `X·D₂`), and
/// a point's first layer is `X·W₀ + a X·D₁ + b X·D₂` plus its biases — for the seed's network
/// 43 % of a point's multiply-adds. Agrees with ``LossProbe/evaluate(_:a:b:)`` to Float
/// rounding (the sums are grouped differently).
public final class PlaneProbe {
    let probe: LossProbe
    let plane: LossPlane
    /// `X·W₀`, `X·D₁`, `X·D₂`: images × first-layer outputs, row-major.
    private let products: [[Float]]
    private let weights: UnsafeMutableBufferPointer<Float>

    /// A probe of `plane`'s points, with the plane's three first-layer products taken once.
    public init(_ probe: LossProbe, plane: LossPlane) {
        self.probe = probe
        self.plane = plane
        let network = probe.network, layer = network.layers[0], rows = probe.rows
        let kernel = layer.weights..<layer.weights + layer.inputs * layer.outputs
        products = [plane.origin[kernel].map { $0 }, plane.first[kernel].map(Float.init), plane.second[kernel].map(Float.init)].map { w in
            var out = [Float](repeating: 0, count: rows * layer.outputs)
            network.library.product(rows, layer.outputs, layer.inputs, UnsafePointer(network.input.baseAddress!), w, false, &out)
            return out
        }
        weights = .allocate(capacity: network.parameterCount)
    }

    deinit { weights.deallocate() }

    /// Mean cross-entropy and accuracy at plane coordinates (a, b).
    public func evaluate(a: Double, b: Double) -> (loss: Double, accuracy: Double) {
        let network = probe.network, layer = network.layers[0], outputs = layer.outputs
        plane.weights(a: a, b: b, into: network.parameters)
        let base = products[0], first = products[1], second = products[2]
        nonisolated(unsafe) let parameters = network.parameters
        let (fa, fb) = (Float(a), Float(b))
        let score = probe.labels.withUnsafeBufferPointer { labels in
            network.evaluate(labels: labels, rows: probe.rows) { rows, hidden in
                for r in rows {
                    for j in 0..<outputs {
                        let k = r * outputs + j
                        let z = parameters[layer.biases + j] + (base[k] + fa * first[k] + fb * second[k])
                        hidden[k] = z < 0 ? 0 : z
                    }
                }
            }
        }
        return (score.lossSum / Double(probe.rows), Double(score.correct) / Double(probe.rows))
    }
}
