import Dispatch
import Foundation
import Optimizers

/// A fully connected ReLU network with a softmax output, in Float32, its products on oneDNN
/// or OpenBLAS (``MatrixLibrary``).
///
/// All weights and biases live in one contiguous buffer (`parameters`), so one optimizer
/// call updates the whole network with the same rule code that steps a 2D point. Layer l
/// holds `W` (inputs × outputs, row-major) then `b`.
///
/// The network spreads a step over the cores itself, with the library on one thread per
/// product, so the cores meet twice per step instead of inside every product: first each
/// core takes a share of the batch's rows through the forward pass and sends the error back
/// through every layer; then each core takes a share of every weight matrix's rows, computes
/// their gradient over the whole batch and hands it, still in cache, to the optimizer.
public final class MLP {
    /// Units per layer, input first: the seed's model is `[784, 1024, 512, 512, 512, 10]`.
    public let sizes: [Int]
    public let parameters: UnsafeMutableBufferPointer<Float>
    /// Filled by ``trainStep(labels:rows:)``: d(mean loss)/d(parameters).
    public let gradients: UnsafeMutableBufferPointer<Float>
    /// The largest batch the work buffers hold.
    public let maxBatch: Int
    /// The batch's input rows (`maxBatch × sizes[0]`); copy `rows` images in before a pass.
    public var input: UnsafeMutableBufferPointer<Float> { activations[0] }

    package let layers: [MLPLayer]
    /// Input rows, then each layer's output rows: post-ReLU, and softmax at the end.
    let activations: [UnsafeMutableBufferPointer<Float>]
    /// d(mean loss)/d(pre-activation) of each layer's outputs, row by row.
    let deltas: [UnsafeMutableBufferPointer<Float>]
    let ones: UnsafeMutableBufferPointer<Float>
    /// How many cores share a pass.
    let workers: Int
    /// The library that computes the products.
    public let library: MatrixLibrary
    /// The R-passes' buffers of ``hessianVectorProduct(_:labels:rows:into:)``, made at its first call.
    lazy var rBuffers = RBuffers(self)
    /// The batch rows the activations and errors were last kept over for Hessian products; nil
    /// once another pass has overwritten them.
    var hessianRows: Int?
    /// Whether the passes, the products and the optimizer update run with subnormal floats
    /// flushed to zero (``SubnormalFlushing``), as TensorFlow's CPU threads do. On by default;
    /// turned off only to measure what it saves.
    public var flushesSubnormals = true

    /// The seed document's model.
    public static let seedSizes = [784, 1024, 512, 512, 512, 10]

    /// Weights and biases of a network of `sizes`.
    public static func parameterCount(sizes: [Int]) -> Int { zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 } }

    /// A network with glorot-uniform weights (drawn from `rng`) and zero biases, whose passes
    /// run on `workers` threads (default: one per core), its products on `library` (default:
    /// the faster one on this machine).
    public init(sizes: [Int] = MLP.seedSizes, maxBatch: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                library: MatrixLibrary = .fastest, rng: inout RandomSource) {
        precondition(sizes.count >= 2 && maxBatch > 0 && workers > 0)
        self.sizes = sizes
        self.library = library
        self.maxBatch = maxBatch
        self.workers = workers
        var offset = 0
        layers = zip(sizes, sizes.dropFirst()).map { inputs, outputs in
            defer { offset += inputs * outputs + outputs }
            return MLPLayer(inputs: inputs, outputs: outputs, weights: offset, biases: offset + inputs * outputs)
        }
        func buffer(_ count: Int, _ value: Float = 0) -> UnsafeMutableBufferPointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            buffer.initialize(repeating: value)
            return buffer
        }
        parameters = buffer(offset)
        gradients = buffer(offset)
        activations = sizes.map { buffer(maxBatch * $0) }
        deltas = sizes.dropFirst().map { buffer(maxBatch * $0) }
        ones = buffer(maxBatch, 1)
        for layer in layers {
            let limit = (6 / Float(layer.inputs + layer.outputs)).squareRoot()
            for i in 0..<layer.inputs * layer.outputs {
                parameters[layer.weights + i] = Float.random(in: -limit...limit, using: &rng)
            }
        }
    }

    deinit {
        for buffer in [parameters, gradients, ones] + activations + deltas { buffer.deallocate() }
    }

    /// How many parameters the network has (1,859,082 for the seed's).
    public var parameterCount: Int { parameters.count }

    /// The parameters as Keras's variables: each layer's kernel (`inputs × outputs`) and bias.
    public var variables: [OptimizerVariable] {
        try! OptimizerVariable.tiling(layers.enumerated().flatMap { l, layer in
            [("dense_\(l)/kernel", [layer.inputs, layer.outputs]), ("dense_\(l)/bias", [layer.outputs])]
        })
    }

    /// Runs `body` on the calling thread with subnormals flushed if ``flushesSubnormals``.
    func flushingSubnormals<T>(_ body: () throws -> T) rethrows -> T {
        flushesSubnormals ? try SubnormalFlushing.around(body) : try body()
    }

    /// Runs `body(i)` for `i` in `0..<iterations` on the cores at once, with subnormals flushed as
    /// on the training threads if ``flushesSubnormals`` — for an optimizer's whole-gradient update.
    public var concurrentPerform: ConcurrentPerform {
        let flush = flushesSubnormals
        return { iterations, body in
            DispatchQueue.concurrentPerform(iterations: iterations) { i in
                if flush { SubnormalFlushing.around { body(i) } } else { body(i) }
            }
        }
    }

    /// Multiply-adds of one sample's forward pass.
    public var forwardMultiplyAdds: Int { layers.reduce(0) { $0 + $1.inputs * $1.outputs } }
    /// Multiply-adds of one sample's backward pass: every weight gradient, and the error sent
    /// back through every layer but the first.
    public var backwardMultiplyAdds: Int { 2 * forwardMultiplyAdds - layers[0].inputs * layers[0].outputs }

    /// Forward pass and scoring of `rows` rows of ``input``: the summed cross-entropy and the
    /// number of correct predictions.
    public func evaluate(labels: UnsafeBufferPointer<UInt8>, rows: Int) -> (lossSum: Double, correct: Int) {
        precondition(rows > 0 && rows <= maxBatch && labels.count >= rows)
        hessianRows = nil
        return sumOverWorkers { w in
            let rows = share(of: rows, worker: w)
            return rows.isEmpty ? (0, 0) : score(rows: rows, labels: labels)
        }
    }

    /// Like ``evaluate(labels:rows:)``, but each worker first fills the outputs of layer 0 for its
    /// rows with `firstLayer(rows, outputs)` (the hidden layer's activations, row-major), and the
    /// pass starts at layer 1.
    package func evaluate(labels: UnsafeBufferPointer<UInt8>, rows: Int,
                  firstLayer: (Range<Int>, UnsafeMutableBufferPointer<Float>) -> Void) -> (lossSum: Double, correct: Int) {
        precondition(rows > 0 && rows <= maxBatch && labels.count >= rows && layers.count >= 2)
        hessianRows = nil
        return sumOverWorkers { w in
            let rows = share(of: rows, worker: w)
            guard !rows.isEmpty else { return (0, 0) }
            firstLayer(rows, activations[1])
            return score(rows: rows, labels: labels, from: 1)
        }
    }

    /// Forward and backward over `rows` rows of ``input`` with their `labels`: fills
    /// ``gradients`` with the gradient of the batch's mean cross-entropy, and returns the
    /// summed loss and the number of correct predictions.
    public func trainStep(labels: UnsafeBufferPointer<UInt8>, rows: Int) -> (lossSum: Double, correct: Int) {
        trainStep(labels: labels, rows: rows) { _ in }
    }

    /// Like ``trainStep(labels:rows:)``, and calls `update(range)` as soon as
    /// `gradients[range]` is final, while it is still in cache — from several threads at once,
    /// on disjoint ranges that together cover every parameter once.
    public func trainStep(labels: UnsafeBufferPointer<UInt8>, rows: Int,
                          update: (Range<Int>) -> Void) -> (lossSum: Double, correct: Int) {
        precondition(rows > 0 && rows <= maxBatch && labels.count >= rows)
        hessianRows = nil
        let total = sumOverWorkers { w in
            let myRows = share(of: rows, worker: w)
            guard !myRows.isEmpty else { return (0, 0) }
            let myScore = score(rows: myRows, labels: labels)
            backpropagateErrors(rows: myRows, batchRows: rows, labels: labels)
            return myScore
        }
        onEveryWorker { w in
            for l in layers.indices.reversed() {
                let range = weightGradients(layer: l, worker: w, batchRows: rows)
                if !range.isEmpty { update(range) }
            }
        }
        return total
    }

    /// Worker `worker`'s contiguous share of `count` rows.
    func share(of count: Int, worker: Int) -> Range<Int> {
        count * worker / workers..<count * (worker + 1) / workers
    }

    /// Runs `body(worker)` on every worker at once, with the library on one thread per product
    /// and subnormals flushed while it runs if ``flushesSubnormals``.
    func onEveryWorker(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            let library = library, flush = flushesSubnormals
            let work: @Sendable (Int) -> Void = { w in
                library.useCallingThreadOnly()
                if flush { SubnormalFlushing.around { body(w) } } else { body(w) }
            }
            guard workers > 1 else { return work(0) }
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
    }

    /// Runs `body(worker)` on every worker at once and sums the scores they return.
    func sumOverWorkers(_ body: (Int) -> (lossSum: Double, correct: Int)) -> (lossSum: Double, correct: Int) {
        let scores = UnsafeMutableBufferPointer<(lossSum: Double, correct: Int)>.allocate(capacity: workers)
        defer { scores.deallocate() }
        nonisolated(unsafe) let unsafeScores = scores
        onEveryWorker { w in unsafeScores[w] = body(w) }
        return scores.reduce((0, 0)) { ($0.lossSum + $1.lossSum, $0.correct + $1.correct) }
    }
}

/// Where one layer's weights and biases sit in the parameter buffer.
package struct MLPLayer {
    package let inputs: Int, outputs: Int, weights: Int, biases: Int
}
