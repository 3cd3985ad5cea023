import Foundation
import Optimizers
import Testing
@testable import FashionMNIST

/// Training threads flush subnormal floats to zero, as TensorFlow's do; nothing else does.
@Suite(.serialized) struct SubnormalFlushingTests {
    /// A subnormal Float: below the smallest normal, 1.18e-38.
    let subnormal = Float.leastNormalMagnitude / 128

    /// An SGD step on a [784, 4, 10] network whose first weight is subnormal and whose gradient
    /// is exactly zero (its input pixel is 0 in every row): `w -= lr * 0` leaves it as it is
    /// unless the step reads subnormal inputs as zero.
    func firstWeightAfterOneStep(flushing: Bool) throws -> (weight: Float, flushedInUpdates: [Bool]) {
        let trainer = try Trainer(RunConfiguration(optimizer: .sgd, batchSize: 4, sizes: [784, 4, 10]))
        trainer.network.flushesSubnormals = flushing
        for r in 0..<4 {
            for i in 0..<784 { trainer.network.input[r * 784 + i] = i == 0 ? 0 : 0.5 }
        }
        trainer.network.parameters[0] = subnormal
        let t = try trainer.optimizer.beginUpdate(count: trainer.network.parameterCount)
        nonisolated(unsafe) let optimizer = trainer.optimizer, network = trainer.network
        nonisolated(unsafe) var flushed: [Bool] = []
        let lock = NSLock()
        _ = [UInt8](arrayLiteral: 1, 2, 3, 4).withUnsafeBufferPointer { labels in
            network.trainStep(labels: labels, rows: 4) { range in
                lock.withLock { flushed.append(SubnormalFlushing.isOn) }
                optimizer.apply(step: t, to: range, parameters: network.parameters,
                                gradients: UnsafeBufferPointer(rebasing: network.gradients[range]))
            }
        }
        #expect(network.gradients[0] == 0)
        return (network.parameters[0], flushed)
    }

    @Test func aTrainingStepReadsSubnormalsAsZero() throws {
        let step = try firstWeightAfterOneStep(flushing: true)
        #expect(step.weight == 0)
        #expect(!step.flushedInUpdates.isEmpty && step.flushedInUpdates.allSatisfy { $0 })
    }

    @Test func withoutFlushingTheSubnormalWeightStays() throws {
        let step = try firstWeightAfterOneStep(flushing: false)
        #expect(step.weight == subnormal)
        #expect(step.flushedInUpdates.allSatisfy { !$0 })
    }

    /// `0.1 * x` from 1e-305 goes subnormal at the fourth step (below 2.2e-308): SGD at rate 0.9
    /// on `x^2 / 2` (gradient x) gives x_{k+1} = x_k - 0.9 x_k.
    func subnormalPath() throws -> [Double] {
        let sgd = try Optimizer<Double>(.sgd, learningRate: 0.9)
        var x: [Double] = [1e-305, 1]
        var path = [x[0]]
        for _ in 0..<5 {
            try sgd.update(parameters: &x, gradients: x)
            path.append(x[0])
        }
        return path
    }

    @Test func aTwoDimensionalPathIsTheSameAfterTraining() throws {
        let before = try subnormalPath()
        #expect(before[4] > 0 && before[4] < Double.leastNormalMagnitude)
        #expect(abs(before[5] / (before[0] * 1e-5) - 1) < 1e-4)
        _ = try firstWeightAfterOneStep(flushing: true)
        #expect(!SubnormalFlushing.isOn)
        // On the pool threads that ran the training step too.
        nonisolated(unsafe) var paths: [[Double]] = []
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let path = (try? subnormalPath()) ?? []
            lock.withLock { paths.append(path) }
        }
        #expect(paths.count == 8)
        #expect(paths.allSatisfy { $0 == before })
    }

    /// A whole-gradient rule's update spread over the cores: Lamb on a [784, 100, 10] network
    /// (past the optimizer's parallel threshold, four variables). The first weight is subnormal
    /// with a zero gradient, so Lamb's step for it is `w - lr * ratio * 0`.
    func firstWeightAfterALambStep(flushing: Bool) throws -> Float {
        let trainer = try Trainer(RunConfiguration(optimizer: .lamb, batchSize: 4, sizes: [784, 100, 10]))
        trainer.network.flushesSubnormals = flushing
        for r in 0..<4 {
            for i in 0..<784 { trainer.network.input[r * 784 + i] = i == 0 ? 0 : 0.5 }
        }
        trainer.network.parameters[0] = subnormal
        _ = try [UInt8](arrayLiteral: 1, 2, 3, 4).withUnsafeBufferPointer { try trainer.trainStep(labels: $0, rows: 4) }
        #expect(trainer.network.gradients[0] == 0)
        // The threads the optimizer spreads its variables over flush as the network's do.
        nonisolated(unsafe) var flushed: [Bool] = []
        let lock = NSLock()
        trainer.optimizer.concurrentPerform(8) { _ in lock.withLock { flushed.append(SubnormalFlushing.isOn) } }
        #expect(flushed == Array(repeating: flushing, count: 8))
        return trainer.network.parameters[0]
    }

    @Test func aWholeGradientUpdateFlushesOnEveryThread() throws {
        #expect(try firstWeightAfterALambStep(flushing: true) == 0)
        #expect(try firstWeightAfterALambStep(flushing: false) == subnormal)
        #expect(!SubnormalFlushing.isOn)
    }
}
