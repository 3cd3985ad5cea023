import Foundation
import TestSupport
import Testing
import FashionMNIST
import Landscape
import Optimizers

/// The loss landscape's plane, grid and command, on a [784, 4, 10] network.
@Suite(.timeLimit(.minutes(3))) struct LandscapeTests {
    static let sizes = [784, 4, 10]

    /// Twelve made-up images, their pixels in [0, 1).
    static let images: LabeledImages = {
        var rng = RandomSource(seed: 3)
        let labels = (0..<12).map { UInt8($0 % 10) }
        return LabeledImages(pixels: (0..<12 * 784).map { _ in Float.random(in: 0..<1, using: &rng) }, labels: labels)
    }()

    /// The weights of `optimizer` on the images after 0, 3 and 6 steps from seed 1.
    static func snapshots(_ optimizer: OptimizerKind, learningRate: Double) throws -> [[Float]] {
        let trainer = try Trainer(RunConfiguration(optimizer: optimizer, learningRate: learningRate, batchSize: 4, sizes: sizes))
        var kept = [Array(trainer.network.parameters)]
        for step in 0..<6 {
            _ = try trainer.trainStep(on: Array(0..<12)[(step % 3) * 4..<(step % 3) * 4 + 4], of: images)
            if step % 3 == 2 { kept.append(Array(trainer.network.parameters)) }
        }
        return kept
    }

    /// The mean cross-entropy of a [784, 4, 10] ReLU network, written out: the reference.
    static func directLoss(_ w: [Float], images: LabeledImages) -> Double {
        let (inputs, hidden, classes) = (784, 4, 10)
        let b1 = inputs * hidden, w2 = b1 + hidden, b2 = w2 + hidden * classes
        var total = 0.0
        for n in 0..<images.count {
            var h = [Double](repeating: 0, count: hidden)
            for o in 0..<hidden {
                var z = Double(w[b1 + o])
                for i in 0..<inputs { z += Double(images.pixels[n * inputs + i]) * Double(w[i * hidden + o]) }
                h[o] = max(0, z)
            }
            var logits = [Double](repeating: 0, count: classes)
            for o in 0..<classes {
                var z = Double(w[b2 + o])
                for i in 0..<hidden { z += h[i] * Double(w[w2 + i * classes + o]) }
                logits[o] = z
            }
            let top = logits.max()!
            var sum = 0.0
            for z in logits { sum += exp(z - top) }
            total += log(sum) + top - logits[Int(images.labels[n])]
        }
        return total / Double(images.count)
    }

    @Test func thePrincipalPlaneHoldsTheInitialWeightsAtItsOrigin() throws {
        let sgd = try Self.snapshots(.sgd, learningRate: 0.5), adam = try Self.snapshots(.adam, learningRate: 0.01)
        #expect(sgd[0] == adam[0], "both start from seed 1's weights")
        let plane = try LossPlane.principal(origin: sgd[0], snapshots: Array(sgd.dropFirst() + adam.dropFirst()))
        let origin = plane.project(sgd[0])
        #expect(origin.a == 0 && origin.b == 0 && origin.distance == 0)
        var dot = 0.0, first2 = 0.0, second2 = 0.0
        for k in plane.first.indices {
            dot += plane.first[k] * plane.second[k]
            first2 += plane.first[k] * plane.first[k]
            second2 += plane.second[k] * plane.second[k]
        }
        #expect(abs(dot) < 1e-12 && abs(first2 - 1) < 1e-12 && abs(second2 - 1) < 1e-12)
        let (first, second) = try #require(plane.explained)
        #expect(first >= second && second > 0 && first + second <= 1 + 1e-12)
        // The last snapshot lies on the positive side of both axes.
        let last = plane.project(adam.last!)
        #expect(last.a > 0 && last.b >= 0)
    }

    @Test func theEndpointsPlaneHoldsBothFinalWeightsAndTheirLoss() throws {
        let sgd = try Self.snapshots(.sgd, learningRate: 0.5), adam = try Self.snapshots(.adam, learningRate: 0.01)
        let plane = try LossPlane.through(origin: sgd[0], sgd.last!, adam.last!, names: ("a", "b"))
        let probe = LossProbe(sizes: Self.sizes, images: Self.images, library: .oneDNN)
        for final in [sgd.last!, adam.last!] {
            let p = plane.project(final)
            var squared = 0.0
            for k in final.indices { squared += Double(final[k] - sgd[0][k]) * Double(final[k] - sgd[0][k]) }
            let travelled = squared.squareRoot()
            #expect(p.distance < 1e-6 * travelled, "\(p.distance) of \(travelled)")
            let onPlane = probe.evaluate(plane, a: p.a, b: p.b).loss, own = final.withUnsafeBufferPointer { probe.evaluate($0).loss }
            #expect(abs(onPlane - own) < 1e-4, "\(onPlane) vs \(own)")
            // The first layer from the plane's products, as the grid takes it.
            let combined = PlaneProbe(probe, plane: plane).evaluate(a: p.a, b: p.b).loss
            #expect(abs(combined - own) < 1e-4, "\(combined) vs \(own)")
        }
        // A direction along the first: no plane.
        #expect(throws: LandscapeError.self) { try LossPlane.through(origin: sgd[0], sgd.last!, sgd.last!, names: ("a", "b")) }
    }

    @Test func filterNormalisedDirectionsHaveEachUnitsNorm() throws {
        let center = try Self.snapshots(.adam, learningRate: 0.01).last!
        let plane = LossPlane.filterNormalised(around: center, sizes: Self.sizes, seed: 7)
        var offset = 0
        for (inputs, outputs) in zip(Self.sizes, Self.sizes.dropFirst()) {
            for unit in 0..<outputs {
                let column = (0..<inputs).map { offset + $0 * outputs + unit }
                let own = column.reduce(0.0) { $0 + Double(center[$1]) * Double(center[$1]) }.squareRoot()
                for direction in [plane.first, plane.second] {
                    let norm = column.reduce(0.0) { $0 + direction[$1] * direction[$1] }.squareRoot()
                    #expect(abs(norm - own) < 1e-9 * own, "unit \(unit): \(norm) vs \(own)")
                }
            }
            // Biases are left out.
            #expect((0..<outputs).allSatisfy { plane.first[offset + inputs * outputs + $0] == 0 })
            offset += inputs * outputs + outputs
        }
        #expect(plane.first != plane.second, "two different draws")
        #expect(plane.first == LossPlane.filterNormalised(around: center, sizes: Self.sizes, seed: 7).first, "seeded")
    }

    @Test func theGridMatchesADirectEvaluation() throws {
        let sgd = try Self.snapshots(.sgd, learningRate: 0.5), adam = try Self.snapshots(.adam, learningRate: 0.01)
        let plane = try LossPlane.through(origin: sgd[0], sgd.last!, adam.last!, names: ("a", "b"))
        var grid = LandscapeGrid(columns: 3, rows: 2, a: -0.5...1, b: 0...0.4)
        grid.compute(rows: 0..<2, on: plane, with: LossProbe(sizes: Self.sizes, images: Self.images, library: .oneDNN))
        for j in 0..<2 {
            for i in 0..<3 {
                let a = grid.a(column: i), b = grid.b(row: j)
                let w: [Float] = plane.origin.indices.map { k in
                    let x: Double = Double(plane.origin[k]) + a * plane.first[k] + b * plane.second[k]
                    return Float(x)
                }
                let direct = Self.directLoss(w, images: Self.images)
                #expect(abs(grid.loss[j * 3 + i]! - direct) < 1e-4 * max(1, direct), "(\(i), \(j)): \(grid.loss[j * 3 + i]!) vs \(direct)")
            }
        }
        #expect(grid.a(column: 0) == -0.5 && grid.a(column: 2) == 1 && grid.b(row: 1) == 0.4)
    }

    /// A run folder with the snapshots of SGD and Adam on the tiny network, from each of `seeds`.
    static func runFolder(seeds: [UInt64] = [1]) throws -> URL {
        let out = try scratchDirectory()
        for seed in seeds {
            for (kind, rate) in [(OptimizerKind.sgd, 0.5), (.adam, 0.01)] {
                let configuration = RunConfiguration(optimizer: kind, learningRate: rate, batchSize: 4, seed: seed, sizes: sizes)
                let trainer = try Trainer(configuration)
                let folder = Snapshots.folder(in: out, optimizer: kind.name, seed: seed)
                for step in 0...6 {
                    if step % 3 == 0 {
                        try Snapshots.write(trainer.network, optimizer: trainer.optimizer, epoch: Double(step) / 3, of: configuration, into: folder)
                    }
                    if step < 6 { _ = try trainer.trainStep(on: Array(0..<12)[(step % 3) * 4..<(step % 3) * 4 + 4], of: images) }
                }
            }
        }
        return out
    }

    func landscape(_ out: URL, _ data: SyntheticData, _ extra: [String]) throws -> ExecutableRun {
        try runExecutable("mnist-compare", ["landscape", "--out", out.path, "--data-dir", data.directory.path, "--samples", "3",
                                            "--grid", "5x4", "--size", "240x240", "--matrix-library", "onednn"] + extra)
    }

    @Test func sharesMergeIntoTheOneProcessResultBitForBit() throws {
        let data = try SyntheticData(), whole = try Self.runFolder(), shared = try Self.runFolder()
        let run = try landscape(whole, data, [])
        #expect(run.status == 0, "\(run.error)")
        for k in 1...3 {
            let share = try landscape(shared, data, ["--shard", "\(k)/3"])
            #expect(share.status == 0 && share.output.contains("share \(k) of 3"), "\(share.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: shared.appendingPathComponent("landscape.csv").path), "a share writes no outputs")
        let merged = try landscape(shared, data, ["--merge"])
        #expect(merged.status == 0, "\(merged.error)")
        for name in ["landscape.csv", "paths.csv", "landscape.png", "landscape.gif"] {
            let a = try Data(contentsOf: whole.appendingPathComponent(name)), b = try Data(contentsOf: shared.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
        let csv = try String(contentsOf: whole.appendingPathComponent("landscape.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "a,b,loss,accuracy" && csv.count == 1 + 20)
        let paths = try String(contentsOf: whole.appendingPathComponent("paths.csv"), encoding: .utf8).split(separator: "\n")
        #expect(paths.first == "optimizer,step,a,b,loss,plane_loss,distance" && paths.count == 1 + 2 * 3)
        #expect(paths[1].hasPrefix("sgd,0,0.0,0.0,") && paths[1].hasSuffix(",0.0"), "the initial weights at the origin, on the plane")
    }

    /// The library alone, no command line: a job over the small run writes every output and
    /// reports the plane, the grid and the pictures; its numbers are the command's (to 1e-12: the
    /// plane's LAPACK runs on however many threads each process gives it).
    @Test func aJobWritesTheSameOutputsAsTheCommand() throws {
        let data = try SyntheticData(), byJob = try Self.runFolder(), byCommand = try Self.runFolder()
        var job = LandscapeJob()
        (job.columns, job.rows, job.samples, job.size, job.around, job.linePoints) = (5, 4, 3, PictureSize(width: 240, height: 240), 0, 0)
        var lines: [String] = []
        try job.run(in: byJob, images: { try FashionMNISTData.load(from: data.directory.path).train.prefix($0) }, report: { lines.append($0) })
        #expect(lines.count == 3 && lines[0].hasPrefix("plane (pca) through 6 snapshots of sgd, adam") && lines[1].hasPrefix("landscape: 20 points x 3 images"))
        let run = try landscape(byCommand, data, ["--around", "0", "--line-points", "0"])
        #expect(run.status == 0, "\(run.error)")
        for name in ["landscape.csv", "paths.csv"] {
            let read = { (folder: URL) in
                try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(whereSeparator: { $0 == "\n" || $0 == "," })
            }
            let job = try read(byJob), command = try read(byCommand)
            #expect(job.count == command.count && job.count > 20, "\(name)")
            for (a, b) in zip(job, command) {
                if let x = Double(a), let y = Double(b) {
                    #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(name): \(a) vs \(b)")
                } else {
                    #expect(a == b, "\(name)")
                }
            }
        }
    }

    @Test func badInputGivesOneLineAndWritesNothing() throws {
        let data = try SyntheticData(), empty = try scratchDirectory(), run = try Self.runFolder()
        // Adam's initial weights from another seed.
        let other = RunConfiguration(optimizer: .adam, batchSize: 4, seed: 2, sizes: Self.sizes)
        let mixed = try Self.runFolder()
        let otherTrainer = try Trainer(other)
        try Snapshots.write(otherTrainer.network, optimizer: otherTrainer.optimizer, epoch: 0, of: other,
                            into: Snapshots.folder(in: mixed, optimizer: "adam", seed: 1))
        // SGD's last snapshot of another network.
        let wider = RunConfiguration(optimizer: .sgd, batchSize: 4, sizes: [784, 5, 10])
        let misfit = try Self.runFolder()
        let widerTrainer = try Trainer(wider)
        for _ in 0..<6 { _ = try widerTrainer.trainStep(on: Array(0..<4)[...], of: Self.images) }
        try Snapshots.write(widerTrainer.network, optimizer: widerTrainer.optimizer, epoch: 2, of: wider,
                            into: Snapshots.folder(in: misfit, optimizer: "sgd", seed: 1))
        let cases: [(URL, [String], String)] = [
            (empty, [], "no snapshots of seed 1 in"),
            (run, ["--grid", "1x5"], "--grid 1x5 is out of range"),
            (run, ["--samples", "0"], "--samples 0 is out of range"),
            (run, ["--plane", "endpoints:sgd,lion"], "no snapshots of 'lion'"),
            (run, ["--plane", "sideways"], "The value 'sideways' is invalid for '--plane"),
            (run, ["--merge"], "no landscape-share-K-of-N.json files"),
            (mixed, [], "adam and sgd did not start from the same weights"),
            (misfit, [], "is of a 784-5-10 network, not 784-4-10"),
        ]
        for (out, extra, message) in cases {
            let before = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
            let result = try landscape(out, data, extra)
            #expect(result.status != 0 && result.error.contains(message) && result.error.split(separator: "\n").count == 1, "\(result.error)")
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == before, "\(message): nothing written")
        }
    }
}
