import CBLAS

/// A fully connected ReLU network with a softmax output, in Float32, on CBLAS.
///
/// All weights and biases live in one contiguous buffer (`parameters`), and their gradients in
/// another of the same layout, so one optimizer call updates the whole network with the same
/// rule code that steps a 2D point. Layer l holds `W` (inputs × outputs, row-major) then `b`.
public final class MLP {
    /// Units per layer, input first: the seed's model is `[784, 1024, 512, 512, 512, 10]`.
    public let sizes: [Int]
    public let parameters: UnsafeMutableBufferPointer<Float>
    /// Filled by ``trainStep(inputs:labels:rows:)``: d(mean loss)/d(parameters).
    public let gradients: UnsafeMutableBufferPointer<Float>
    /// The largest batch the work buffers hold.
    public let maxBatch: Int

    let layers: [Layer]
    /// Post-ReLU activations per layer (index 0 is the input batch), then the softmax output.
    let activations: [UnsafeMutableBufferPointer<Float>]
    /// The back-propagated error, sized for the widest layer.
    let deltaA: UnsafeMutableBufferPointer<Float>, deltaB: UnsafeMutableBufferPointer<Float>
    let ones: UnsafeMutableBufferPointer<Float>

    struct Layer {
        let inputs: Int, outputs: Int, weights: Int, biases: Int
    }

    /// The seed document's model.
    public static let seedSizes = [784, 1024, 512, 512, 512, 10]

    /// A network with glorot-uniform weights (drawn from `rng`) and zero biases.
    public init(sizes: [Int] = MLP.seedSizes, maxBatch: Int, rng: inout RandomSource) {
        precondition(sizes.count >= 2 && maxBatch > 0)
        self.sizes = sizes
        self.maxBatch = maxBatch
        var offset = 0
        layers = zip(sizes, sizes.dropFirst()).map { inputs, outputs in
            defer { offset += inputs * outputs + outputs }
            return Layer(inputs: inputs, outputs: outputs, weights: offset, biases: offset + inputs * outputs)
        }
        parameters = .allocate(capacity: offset)
        gradients = .allocate(capacity: offset)
        parameters.initialize(repeating: 0)
        gradients.initialize(repeating: 0)
        activations = sizes.map { size in
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: maxBatch * size)
            buffer.initialize(repeating: 0)
            return buffer
        }
        let widest = sizes.max()!
        deltaA = .allocate(capacity: maxBatch * widest)
        deltaB = .allocate(capacity: maxBatch * widest)
        ones = .allocate(capacity: maxBatch)
        ones.initialize(repeating: 1)
        for layer in layers {
            let limit = (6 / Float(layer.inputs + layer.outputs)).squareRoot()
            for i in 0..<layer.inputs * layer.outputs {
                parameters[layer.weights + i] = Float.random(in: -limit...limit, using: &rng)
            }
        }
    }

    deinit {
        for buffer in [parameters, gradients, deltaA, deltaB, ones] + activations { buffer.deallocate() }
    }

    public var parameterCount: Int { parameters.count }

    /// Multiply-adds of one sample's forward pass.
    public var forwardMultiplyAdds: Int { layers.reduce(0) { $0 + $1.inputs * $1.outputs } }
    /// Multiply-adds of one sample's backward pass: every weight gradient, and the error sent
    /// back through every layer but the first.
    public var backwardMultiplyAdds: Int { 2 * forwardMultiplyAdds - layers[0].inputs * layers[0].outputs }

    /// The input rows of the batch being processed; copy `rows` images in before a pass.
    public var input: UnsafeMutableBufferPointer<Float> { activations[0] }

    /// Runs the forward pass over the first `rows` rows of ``input``; returns the logits.
    @discardableResult
    public func forward(rows: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(rows > 0 && rows <= maxBatch)
        for (l, layer) in layers.enumerated() {
            let a = activations[l], z = activations[l + 1]
            // Z = b (each row) + A W: with beta = 1 OpenBLAS adds onto the biases instead of
            // first clearing Z in a pass of its own.
            let b = parameters.baseAddress! + layer.biases
            for r in 0..<rows { (z.baseAddress! + r * layer.outputs).update(from: b, count: layer.outputs) }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(layer.outputs), Int32(layer.inputs),
                        1, a.baseAddress, Int32(layer.inputs), parameters.baseAddress! + layer.weights, Int32(layer.outputs),
                        1, z.baseAddress, Int32(layer.outputs))
            if l < layers.count - 1 {
                for i in 0..<rows * layer.outputs { z[i] = max(0, z[i]) }
            }
        }
        return activations[layers.count]
    }

    /// Forward pass and scoring of `rows` rows of ``input``: the summed cross-entropy and the
    /// number of correct predictions. Leaves the softmax probabilities in the output buffer.
    public func evaluate(labels: UnsafeBufferPointer<UInt8>, rows: Int) -> (lossSum: Double, correct: Int) {
        Softmax.crossEntropy(forward(rows: rows), labels: labels, rows: rows, classes: sizes.last!)
    }

    /// Forward and backward over `rows` rows of ``input`` with their `labels`: fills
    /// ``gradients`` with the gradient of the batch's mean cross-entropy, and returns the
    /// summed loss and the number of correct predictions.
    public func trainStep(labels: UnsafeBufferPointer<UInt8>, rows: Int) -> (lossSum: Double, correct: Int) {
        let score = evaluate(labels: labels, rows: rows)
        let probabilities = activations[layers.count], classes = sizes.last!
        // d(mean loss)/d(logits) = (p - onehot) / rows
        var dz = deltaA, spare = deltaB
        let scale = 1 / Float(rows)
        for r in 0..<rows {
            for j in 0..<classes {
                dz[r * classes + j] = probabilities[r * classes + j] * scale
            }
            dz[r * classes + Int(labels[r])] -= scale
        }
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l], a = activations[l]
            let n = Int32(layer.inputs), m = Int32(layer.outputs)
            // dW = A^T dZ, db = dZ^T 1
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, m, Int32(rows),
                        1, a.baseAddress, n, dz.baseAddress, m, 0, gradients.baseAddress! + layer.weights, m)
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), m, 1, dz.baseAddress, m, ones.baseAddress, 1,
                        0, gradients.baseAddress! + layer.biases, 1)
            guard l > 0 else { break }
            // dA = dZ W^T, then through the ReLU: zero where the unit was off.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), n, m,
                        1, dz.baseAddress, m, parameters.baseAddress! + layer.weights, m, 0, spare.baseAddress, n)
            for i in 0..<rows * layer.inputs where a[i] <= 0 { spare[i] = 0 }
            swap(&dz, &spare)
        }
        return score
    }
}
