import Foundation
import Optimizers

/// What defines a training run; a checkpoint is only resumed under the same configuration.
public struct RunConfiguration: Codable, Equatable, Sendable {
    /// Stable optimizer name (`adam`), at Keras's defaults but for `learningRate`.
    public var optimizer: OptimizerKind
    public var learningRate: Double
    public var batchSize: Int
    public var seed: UInt64
    /// Train on the first this-many images only (nil: all 60,000).
    public var trainLimit: Int?
    public var sizes: [Int]

    public init(optimizer: OptimizerKind, learningRate: Double? = nil, batchSize: Int = 256, seed: UInt64 = 1,
                trainLimit: Int? = nil, sizes: [Int] = MLP.seedSizes) {
        self.optimizer = optimizer
        self.learningRate = learningRate ?? optimizer.defaultRule.learningRate
        self.batchSize = batchSize
        self.seed = seed
        self.trainLimit = trainLimit
        self.sizes = sizes
    }

    /// The update rule this run uses.
    public var rule: OptimizerRule { optimizer.rule(learningRate: learningRate) }
}

/// Trains one network with one optimizer, epoch by epoch, as Keras's `fit` does.
public final class Trainer {
    public let configuration: RunConfiguration
    public let network: MLP
    public let optimizer: Optimizer<Float>
    /// Drives the initial weights, then every epoch's shuffle.
    public internal(set) var rng: RandomSource
    public internal(set) var history: [EpochRecord] = []
    private var labelBatch: [UInt8]

    /// A fresh network (glorot-uniform weights from the seed, zero biases) and optimizer, the
    /// network's products on `library`.
    public init(_ configuration: RunConfiguration, library: MatrixLibrary = .fastest) throws {
        guard configuration.batchSize > 0 else { throw FashionMNISTError("batch size must be > 0, got \(configuration.batchSize)") }
        self.configuration = configuration
        optimizer = try Optimizer<Float>(configuration.rule)
        rng = RandomSource(seed: configuration.seed)
        network = MLP(sizes: configuration.sizes, maxBatch: configuration.batchSize, library: library, rng: &rng)
        labelBatch = [UInt8](repeating: 0, count: configuration.batchSize)
    }

    /// Epochs finished so far.
    public var epochsDone: Int { history.count }

    /// Shuffles, takes every batch's step, validates on `test`, records and returns the epoch.
    /// `progress(step, steps, runningLoss, runningAccuracy)` is called after each step.
    public func trainEpoch(on train: LabeledImages, validatingOn test: LabeledImages,
                           progress: (Int, Int, Double, Double) -> Void = { _, _, _, _ in }) throws -> EpochRecord {
        let start = DispatchTime.now().uptimeNanoseconds
        // The epoch's order depends only on the RNG state, so a resumed run shuffles as an unbroken one.
        var order = Array(0..<train.count)
        order.shuffle(using: &rng)
        let batch = configuration.batchSize
        let steps = (train.count + batch - 1) / batch
        var lossSum = 0.0, correct = 0, seen = 0
        for step in 0..<steps {
            let score = try trainStep(on: order[step * batch..<min(train.count, (step + 1) * batch)], of: train)
            lossSum += score.lossSum
            correct += score.correct
            seen += min(batch, train.count - step * batch)
            progress(step + 1, steps, lossSum / Double(seen), Double(correct) / Double(seen))
        }
        let validation = evaluate(test)
        let record = EpochRecord(
            epoch: history.count + 1, accuracy: Double(correct) / Double(seen), loss: lossSum / Double(seen),
            valAccuracy: validation.accuracy, valLoss: validation.loss,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        history.append(record)
        return record
    }

    /// One training step on the images of `set` at `indices` (at most the batch size).
    public func trainStep(on indices: ArraySlice<Int>, of set: LabeledImages) throws -> (lossSum: Double, correct: Int) {
        precondition(indices.count <= configuration.batchSize)
        let features = LabeledImages.features, input = network.input.baseAddress!
        set.pixels.withUnsafeBufferPointer { pixels in
            for (r, index) in indices.enumerated() {
                (input + r * features).update(from: pixels.baseAddress! + index * features, count: features)
                labelBatch[r] = set.labels[index]
            }
        }
        return try labelBatch.withUnsafeBufferPointer { try trainStep(labels: $0, rows: indices.count) }
    }

    /// One training step on the first `rows` rows of the network's input and their `labels`: the
    /// gradient goes piece by piece into the optimizer as the network produces it. Returns the
    /// summed loss and the number of correct predictions.
    public func trainStep(labels: UnsafeBufferPointer<UInt8>, rows: Int) throws -> (lossSum: Double, correct: Int) {
        let t = try optimizer.beginUpdate(count: network.parameterCount)
        nonisolated(unsafe) let optimizer = optimizer, parameters = network.parameters, gradients = network.gradients
        return network.trainStep(labels: labels, rows: rows) { range in
            optimizer.apply(step: t, to: range, parameters: parameters, gradients: UnsafeBufferPointer(rebasing: gradients[range]))
        }
    }

    /// Mean cross-entropy and accuracy of the current network on `set`.
    public func evaluate(_ set: LabeledImages) -> (loss: Double, accuracy: Double) {
        let batch = configuration.batchSize, features = LabeledImages.features
        var lossSum = 0.0, correct = 0
        set.pixels.withUnsafeBufferPointer { pixels in
            set.labels.withUnsafeBufferPointer { labels in
                for start in stride(from: 0, to: set.count, by: batch) {
                    let rows = min(batch, set.count - start)
                    network.input.baseAddress!.update(from: pixels.baseAddress! + start * features, count: rows * features)
                    let score = network.evaluate(labels: UnsafeBufferPointer(rebasing: labels[start..<start + rows]), rows: rows)
                    lossSum += score.lossSum
                    correct += score.correct
                }
            }
        }
        return (lossSum / Double(set.count), Double(correct) / Double(set.count))
    }
}
