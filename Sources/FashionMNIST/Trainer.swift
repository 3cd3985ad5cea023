import Foundation
import Optimizers

/// What defines a training run; a checkpoint is only resumed under the same configuration.
public struct RunConfiguration: Codable, Equatable, Sendable {
    /// Stable optimizer name (`adam`).
    public var optimizer: OptimizerKind
    /// The learning rate (a schedule's at its first step).
    public var learningRate: Double
    /// The optimizer's Keras fields as JSON (sorted keys) when it differs from the kind's
    /// defaults at `learningRate` (a schedule, clipping, another beta); nil otherwise.
    public var keras: String?
    /// Images per step (the last batch of an epoch takes the rest).
    public var batchSize: Int
    /// The seed of the initial weights and every shuffle.
    public var seed: UInt64
    /// Train on the first this-many images only (nil: all 60,000).
    public var trainLimit: Int?
    /// The network's layer sizes (the seed's 784-1024-512-512-512-10 by default).
    public var sizes: [Int]

    /// A run of `optimizer` at Keras's defaults but for `learningRate`, on `trainLimit` images or all.
    public init(optimizer: OptimizerKind, learningRate: Double? = nil, batchSize: Int = 256, seed: UInt64 = 1,
                trainLimit: Int? = nil, sizes: [Int] = MLP.seedSizes) {
        self.init(optimizer: optimizer, configuration: optimizer.configuration(learningRate: learningRate), batchSize: batchSize,
                  seed: seed, trainLimit: trainLimit, sizes: sizes)
    }

    /// A run of `optimizer` as `configuration` sets it up.
    public init(optimizer: OptimizerKind, configuration: OptimizerConfiguration, batchSize: Int = 256, seed: UInt64 = 1,
                trainLimit: Int? = nil, sizes: [Int] = MLP.seedSizes) {
        self.optimizer = optimizer
        learningRate = configuration.learningRate.initialValue
        keras = configuration == optimizer.configuration(learningRate: learningRate) ? nil : Self.json(configuration.kerasFields)
        self.batchSize = batchSize
        self.seed = seed
        self.trainLimit = trainLimit
        self.sizes = sizes
    }

    /// The optimizer this run uses.
    public var optimizerConfiguration: OptimizerConfiguration {
        get throws {
            guard let keras else { return optimizer.configuration(learningRate: learningRate) }
            guard let fields = try JSONSerialization.jsonObject(with: Data(keras.utf8)) as? [String: Any] else {
                throw FashionMNISTError("the run's optimizer settings are not a JSON object")
            }
            return try OptimizerConfiguration.keras(fields.merging(["optimizer": optimizer.name]) { $1 }).configuration
        }
    }

    static func json(_ fields: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}

/// Trains one network with one optimizer, epoch by epoch, as Keras's `fit` does.
public final class Trainer {
    /// What is trained, and how.
    public let configuration: RunConfiguration
    /// The network trained.
    public let network: MLP
    /// The optimizer that steps it.
    public let optimizer: Optimizer<Float>
    /// Drives the initial weights, then every epoch's shuffle.
    public internal(set) var rng: RandomSource
    /// The epochs done so far.
    public internal(set) var history: [EpochRecord] = []
    private var labelBatch: [UInt8]

    /// A fresh network (glorot-uniform weights from the seed, zero biases) and optimizer, the
    /// network's products on `library`.
    public init(_ configuration: RunConfiguration, library: MatrixLibrary = .fastest) throws {
        guard configuration.batchSize > 0 else { throw FashionMNISTError("batch size must be > 0, got \(configuration.batchSize)") }
        self.configuration = configuration
        rng = RandomSource(seed: configuration.seed)
        network = MLP(sizes: configuration.sizes, maxBatch: configuration.batchSize, library: library, rng: &rng)
        optimizer = try Optimizer<Float>(try configuration.optimizerConfiguration, variables: network.variables)
        optimizer.matrixMultiply = library.product
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

    /// One training step on the first `rows` rows of the network's input and their `labels`.
    /// An element-wise rule gets the gradient piece by piece as the network produces it, while
    /// it is still in cache; the others (Lamb, Adafactor, Muon, norm clipping) once it is whole.
    /// Returns the summed loss and the number of correct predictions.
    public func trainStep(labels: UnsafeBufferPointer<UInt8>, rows: Int) throws -> (lossSum: Double, correct: Int) {
        guard optimizer.updatesInPieces else { return try trainStepWhole(labels: labels, rows: rows) }
        let t = try optimizer.beginUpdate(count: network.parameterCount)
        nonisolated(unsafe) let optimizer = optimizer, parameters = network.parameters, gradients = network.gradients
        return network.trainStep(labels: labels, rows: rows) { range in
            optimizer.apply(step: t, to: range, parameters: parameters, gradients: UnsafeBufferPointer(rebasing: gradients[range]))
        }
    }

    /// A training step whose update waits for the whole gradient.
    private func trainStepWhole(labels: UnsafeBufferPointer<UInt8>, rows: Int) throws -> (lossSum: Double, correct: Int) {
        let score = network.trainStep(labels: labels, rows: rows)
        let parameters = network.parameters, gradients = UnsafeBufferPointer(network.gradients)
        // Flushing here and on the threads the optimizer spreads its variables over.
        optimizer.concurrentPerform = network.concurrentPerform
        try network.flushingSubnormals { try optimizer.update(parameters: parameters, gradients: gradients) }
        return score
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
