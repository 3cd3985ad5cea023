import Foundation
import Optimizers
import TestSupport
import Testing
@testable import FashionMNIST

@Suite struct TrainingTests {
    func tinyData(_ n: Int, seed: UInt64) -> LabeledImages {
        var rng = RandomSource(seed: seed)
        let labels = (0..<n).map { _ in UInt8.random(in: 0...9, using: &rng) }
        // Each class lights up its own band of pixels, so the classes are learnable.
        let pixels = labels.flatMap { label in
            (0..<784).map { i in i / 78 == Int(label) ? Float.random(in: 0.5...1, using: &rng) : Float.random(in: 0...0.2, using: &rng) }
        }
        return LabeledImages(pixels: pixels, labels: labels)
    }

    @Test func checkpointRoundTripsWeightsStateAndHistory() throws {
        let configuration = RunConfiguration(optimizer: .adam, batchSize: 16, seed: 5, sizes: [784, 8, 10])
        let trainer = try Trainer(configuration)
        let data = tinyData(40, seed: 1)
        _ = try trainer.trainEpoch(on: data, validatingOn: data)
        let url = try scratchDirectory().appendingPathComponent("checkpoint.bin")
        try Checkpoint.save(trainer, to: url)
        let restored = try #require(try Checkpoint.load(from: url, expecting: configuration))
        let sameWeights = Array(restored.network.parameters) == Array(trainer.network.parameters)
        let sameState = restored.optimizer.state == trainer.optimizer.state
        #expect(sameWeights)
        #expect(sameState)
        #expect(restored.rng == trainer.rng)
        #expect(restored.history == trainer.history)
        // The next epoch is the same whether or not the run was interrupted.
        let a = try trainer.trainEpoch(on: data, validatingOn: data), b = try restored.trainEpoch(on: data, validatingOn: data)
        #expect(a.loss == b.loss && a.valAccuracy == b.valAccuracy)
        let stillSame = Array(restored.network.parameters) == Array(trainer.network.parameters)
        #expect(stillSame)
    }

    @Test func checkpointOfAnotherConfigurationIsRefused() throws {
        let configuration = RunConfiguration(optimizer: .sgd, batchSize: 16, seed: 5, sizes: [784, 8, 10])
        let url = try scratchDirectory().appendingPathComponent("checkpoint.bin")
        try Checkpoint.save(try Trainer(configuration), to: url)
        var other = configuration
        other.batchSize = 32
        #expect(throws: FashionMNISTError.self) { _ = try Checkpoint.load(from: url, expecting: other) }
        try Data("garbage".utf8).write(to: url)
        #expect(throws: FashionMNISTError("checkpoint \(url.path) is damaged: delete it or pass --fresh")) {
            _ = try Checkpoint.load(from: url, expecting: configuration)
        }
    }

    /// A NaN weight makes the loss NaN, as in Keras: the ReLU keeps a NaN instead of zeroing it,
    /// so a diverged network is reported, not shown as a constant ln(10).
    @Test func aNaNWeightGivesANaNLoss() throws {
        let trainer = try Trainer(RunConfiguration(optimizer: .sgd, batchSize: 16, sizes: [784, 8, 10]))
        let data = tinyData(16, seed: 4)
        trainer.network.parameters[0] = .nan
        let score = try trainer.trainStep(on: Array(0..<16)[...], of: data)
        #expect(score.lossSum.isNaN)
    }

    @Test func lastBatchIsPartial() throws {
        let trainer = try Trainer(RunConfiguration(optimizer: .sgd, batchSize: 16, sizes: [784, 8, 10]))
        var steps = 0
        _ = try trainer.trainEpoch(on: tinyData(40, seed: 2), validatingOn: tinyData(10, seed: 3)) { step, total, _, _ in
            steps = step
            #expect(total == 3)  // 16 + 16 + 8
        }
        #expect(steps == 3 && trainer.optimizer.step == 3)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNISTData.defaultDirectory)))
    func oneAdamEpochOnFiveThousandImagesLearns() throws {
        let data = try FashionMNISTData.load()
        #expect(data.train.count == 60_000 && data.test.count == 10_000)
        let trainer = try Trainer(RunConfiguration(optimizer: .adam))
        let record = try trainer.trainEpoch(on: data.train.prefix(5_000), validatingOn: data.test)
        #expect(record.valAccuracy > 0.70, "validation accuracy \(record.valAccuracy)")
    }
}
