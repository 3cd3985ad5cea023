import Foundation
import TestSupport
import Testing
import FashionMNIST
@testable import mnist_compare

/// `mnist-compare` end to end, on tiny synthetic IDX files.
@Suite(.timeLimit(.minutes(3))) struct MNISTCompareTests {
    func compare(_ data: SyntheticData, _ out: URL, _ extra: [String]) throws -> ExecutableRun {
        try runExecutable("mnist-compare", ["--data-dir", data.directory.path, "--out", out.path, "--batch-size", "2"] + extra)
    }

    @Test func trainsWritesAndResumes() throws {
        let data = try SyntheticData(), out = try scratchDirectory()
        let first = try compare(data, out, ["--optimizers", "sgd,adam=0.01", "--epochs", "1"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Epoch 1/1 - 2/2 - "))
        #expect(first.output.contains("SGD accuracy ") && first.output.contains("Adam accuracy "))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == ["accuracy.png", "loss.png", "history.json", "history.csv", "checkpoint-sgd-seed1.bin", "checkpoint-adam-seed1.bin", "snapshots"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("snapshots/adam-seed1").path).sorted()
        #expect(kept == ["step-000000.bin", "step-000002.bin"], "the initial weights and the last epoch")
        // What the curvature reads: the rate, the rule's limit, and Adam's preconditioner after a step.
        let adam = try Snapshots.load(from: Snapshots.folder(in: out, optimizer: "adam", seed: 1))
        let sgd = try Snapshots.load(from: Snapshots.folder(in: out, optimizer: "sgd", seed: 1))
        #expect(adam.map(\.header.learningRate) == [0.01, 0.01] && adam.allSatisfy { abs($0.header.stabilityLimit! - 38) < 1e-9 })
        #expect(adam[0].inversePreconditioner == nil && adam[1].inversePreconditioner?.count == adam[1].weights.count)
        #expect(adam[1].inversePreconditioner!.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(sgd[1].header.stabilityLimit == 2 && sgd[1].header.preconditioned == false && sgd[1].inversePreconditioner == nil)
        let csv = try String(contentsOf: out.appendingPathComponent("history.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("optimizer,seed,epoch,accuracy,loss,val_accuracy,val_loss,seconds\nsgd,1,1,"))

        let second = try compare(data, out, ["--optimizers", "sgd,adam=0.01", "--epochs", "2"])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.contains("SGD, learning rate 0.01 (resuming after epoch 1)"))
        #expect(second.output.contains("Epoch 2/2") && !second.output.contains("Epoch 1/2"))
        #expect(second.output.contains("SGD epochs: first ") && second.output.contains("last 2 / first 2 (medians) "))
    }

    /// Keras's serialised optimizers, a schedule and clipping included, train as they read;
    /// a bad entry is named on one line.
    @Test func optimizersFileTakesKerasForms() throws {
        let data = try SyntheticData(), out = try scratchDirectory()
        let file = out.appendingPathComponent("optimizers.json")
        try Data("""
            [{"module": "keras.optimizers", "class_name": "AdamW", "registered_name": null,
              "config": {"name": "adamw", "learning_rate": {"module": "keras.optimizers.schedules", "class_name": "CosineDecay",
                         "config": {"initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 0.01, "warmup_steps": 2,
                                    "alpha": 0.1, "name": "CosineDecay"}, "registered_name": null},
                         "weight_decay": 0.01, "clipnorm": 1.0, "clipvalue": null, "global_clipnorm": null, "use_ema": false,
                         "ema_momentum": 0.99, "ema_overwrite_frequency": null, "loss_scale_factor": null,
                         "gradient_accumulation_steps": null, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false}},
             {"optimizer": "lion", "learning_rate": 0.0001}]
            """.utf8).write(to: file)
        let run = try compare(data, out, ["--optimizers-file", file.path, "--epochs", "1"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("AdamW, learning rate 0.0, also clipnorm 1.0, learning_rate CosineDecay, weight_decay 0.01"), "\(run.output)")
        #expect(run.output.contains("Lion, learning rate 0.0001\n"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("checkpoint-adamw-seed1.bin").path))
        try Data("[{\"optimizer\": \"adam\", \"beta_3\": 1}]".utf8).write(to: file)
        let bad = try compare(data, out, ["--optimizers-file", file.path, "--epochs", "1"])
        #expect(bad.status != 0 && bad.error.split(separator: "\n").count == 1)
        #expect(bad.error.contains("entry 1: optimizer adam has no key 'beta_3'"), "\(bad.error)")
    }

    /// Six epochs of 2 s, then six of 4 s: the first ten epochs' median is 2 s, the last ten's 4 s.
    @Test func epochTimesShowALateSlowdown() {
        let records = (1...12).map { EpochRecord(epoch: $0, accuracy: 0.9, loss: 0.3, valAccuracy: 0.9, valLoss: 0.3,
                                                  seconds: $0 <= 6 ? 2 : 4) }
        #expect(Summary.epochTimes(OptimizerHistory(name: "adam", runs: [(1, records)]))
                == "Adam epochs: first 2.00 s, median 3.00 s, last 4.00 s; last 10 / first 10 (medians) 2.00x")
    }

    @Test func aCheckpointOfOtherFlagsIsRefusedAndKept() throws {
        let data = try SyntheticData(), out = try scratchDirectory()
        #expect(try compare(data, out, ["--optimizers", "sgd", "--epochs", "1"]).status == 0)
        let checkpoint = out.appendingPathComponent("checkpoint-sgd-seed1.bin")
        let before = try Data(contentsOf: checkpoint)
        let run = try compare(data, out, ["--optimizers", "sgd", "--epochs", "1", "--train-limit", "3"])
        #expect(run.status != 0)
        #expect(run.error.contains("was made with another configuration"), "\(run.error)")
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: checkpoint) == before)
    }

    /// Every optimizer runs from every seed; the summary gives mean ± std, the history every
    /// seed's curve, and a second run resumes each optimizer and seed on its own.
    @Test func seedsRunAndResumeEach() throws {
        let data = try SyntheticData(), out = try scratchDirectory()
        let first = try compare(data, out, ["--optimizers", "sgd,adam", "--epochs", "1", "--seeds", "2", "--seed", "5"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("SGD, learning rate 0.01, seed 6"))
        #expect(first.output.contains("over 2 seeds (blog: 87.42)") && first.output.contains("Adam accuracy "))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path)).filter { $0.hasPrefix("checkpoint") }
        #expect(files == ["checkpoint-sgd-seed5.bin", "checkpoint-sgd-seed6.bin", "checkpoint-adam-seed5.bin", "checkpoint-adam-seed6.bin"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("history.json"))) as? [String: [String: Any]]
        #expect(json?["adam"]?.keys.sorted() == ["5", "6"])

        let second = try compare(data, out, ["--optimizers", "sgd,adam", "--epochs", "2", "--seeds", "2", "--seed", "5"])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.components(separatedBy: "(resuming after epoch 1)").count == 5)
        #expect(!second.output.contains("Epoch 1/2"))
    }

    @Test(arguments: [
        (["--optimizers", "adamx"], "unknown optimizer 'adamx'"),
        (["--optimizers", "sgd=-1"], "invalid learning_rate -1.0"),
        (["--epochs", "0"], "--epochs must be > 0, got 0"),
        (["--batch-size", "0"], "--batch-size must be > 0, got 0"),
        (["--train-limit", "0"], "--train-limit must be > 0, got 0"),
        (["--seeds", "0"], "--seeds must be > 0, got 0"),
        (["--seed", "-1"], "--seed must be >= 0, got -1"),
        (["--batch-size", "-5"], "--batch-size must be > 0, got -5"),
        (["--epochs", "-2"], "--epochs must be > 0, got -2"),
        (["--matrix-library", "mkl"], "The value 'mkl' is invalid for '--matrix-library <matrix-library>'. Please provide one of 'auto', 'onednn' or 'openblas'."),
    ])
    func badFlagsGiveOneLine(arguments: [String], message: String) throws {
        let out = try scratchDirectory()
        let run = try compare(try SyntheticData(), out, arguments)
        #expect(run.status != 0)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func missingDataNamesThePackage() throws {
        let run = try runExecutable("mnist-compare", ["--data-dir", "/nonexistent", "--out", try scratchDirectory().path])
        #expect(run.status != 0)
        #expect(run.error == "mnist-compare: error: data directory /nonexistent not found: run `sudo apt-get install dataset-fashion-mnist` or pass --data-dir\n")
    }

    @Test func unwritableOutputFolder() throws {
        let file = try scratchDirectory().appendingPathComponent("a-file")
        try Data().write(to: file)
        let run = try compare(try SyntheticData(), file, ["--epochs", "1"])
        #expect(run.status != 0)
        #expect(run.error.contains("cannot create output folder"), "\(run.error)")
    }
}
