import Foundation
import TestSupport
import Testing
@testable import FashionMNIST
@testable import Landscape
import Optimizers

/// `mnist-compare curvature` and the job behind it, on tiny networks.
@Suite(.timeLimit(.minutes(3))) struct CurvatureTests {
    /// A [784, 2, 10] network at Adam's weights after 3 steps on the twelve images: the job's
    /// sharpness, preconditioned sharpness and trace agree with its Hessian written out column by
    /// column and solved by LAPACK.
    @Test func measuresWhatTheWrittenOutHessianSays() throws {
        let sizes = [784, 2, 10], images = LandscapeTests.images
        let trainer = try Trainer(RunConfiguration(optimizer: .adam, learningRate: 0.01, batchSize: 4, sizes: sizes))
        for step in 0..<3 { _ = try trainer.trainStep(on: Array(0..<12)[step * 4..<step * 4 + 4], of: images) }
        let weights = Array(trainer.network.parameters), inverse = try #require(trainer.optimizer.inversePreconditioner)
        let probe = LossProbe(sizes: sizes, images: images, library: .oneDNN), h = HessianOperator(probe, at: weights), n = h.count
        var hessian = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var unit = [Float](repeating: 0, count: n)
            unit[j] = 1
            for (i, value) in h.product(unit).enumerated() { hessian[i * n + j] = Double(value) }
        }
        let symmetric = (0..<n * n).map { k in (hessian[k] + hessian[(k % n) * n + k / n]) / 2 }
        let scaled = (0..<n * n).map { k in symmetric[k] * Double(inverse[k / n]).squareRoot() * Double(inverse[k % n]).squareRoot() }
        let largest = { (values: [Double]) in values.max()! }
        let plain = largest(try SymmetricEigen.solve(symmetric, n: n).values)
        let preconditioned = largest(try SymmetricEigen.solve(scaled, n: n).values)
        let trace = (0..<n).reduce(0) { $0 + symmetric[$1 * n + $1] }

        var job = CurvatureJob()
        (job.settings.tolerance, job.settings.maxIterations, job.settings.probes) = (1e-7, 5000, 400)
        let header = Snapshot.Header(optimizer: "adam", seed: 1, sizes: sizes, step: 3, epoch: 1, learningRate: 0.01, stabilityLimit: 38,
                                     preconditioned: true)
        let record = try job.measure(Snapshot(header: header, weights: weights, inversePreconditioner: inverse), probe: probe)
        #expect(abs(record.sharpness.value / plain - 1) < 1e-3, "\(record.sharpness) vs \(plain)")
        #expect(abs(try #require(record.preconditioned).value / preconditioned - 1) < 1e-3, "\(String(describing: record.preconditioned)) vs \(preconditioned)")
        #expect(abs(preconditioned / plain) > 2, "the preconditioner changes the answer, so the check can tell them apart")
        #expect(abs(record.trace - trace) < 4 * record.traceError && record.traceError < abs(trace) / 5, "\(record.trace) ± \(record.traceError) vs \(trace)")
        #expect(record.loss == weights.withUnsafeBufferPointer { probe.evaluate($0).loss } && abs(record.threshold! - 3800) < 1e-6)
    }

    func curvature(_ out: URL, _ data: SyntheticData, _ extra: [String]) throws -> ExecutableRun {
        try runExecutable("mnist-compare", ["curvature", "--out", out.path, "--data-dir", data.directory.path, "--samples", "3", "--probes", "3",
                                            "--top", "2", "--slice-points", "5", "--line-points", "5", "--size", "480x240",
                                            "--matrix-library", "onednn"] + extra)
    }

    static let outputs = ["sharpness.csv", "sharpness.png", "minima-curvature.csv", "minima-slices.png", "barriers.csv", "barriers.png"]

    /// Every output, each measurement in its record; shares and a merge give the same files bit
    /// for bit, and a second run (or one after a lost record) measures only what is missing.
    @Test func writesSharesMergesAndResumes() throws {
        let data = try SyntheticData(), whole = try LandscapeTests.runFolder(), shared = try LandscapeTests.runFolder()
        let run = try curvature(whole, data, [])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("9 of 9 measurements to make") && run.output.contains("barrier sgd to adam: "), "\(run.output)")
        let csv = try String(contentsOf: whole.appendingPathComponent("sharpness.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 1 + 6 && csv[0].hasPrefix("optimizer,step,epoch,learning_rate,loss,accuracy,sharpness,"))
        let rows = csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.filter { $0[0] == "sgd" }.allSatisfy { $0[9].isEmpty && $0[15] == "4.0" }, "SGD: no preconditioner, 2/lr = 4")
        #expect(rows.filter { $0[0] == "adam" }.map { $0[9].isEmpty } == [true, false, false], "Adam's P⁻¹H after its first step")
        #expect(rows.filter { $0[0] == "adam" }.allSatisfy { abs(Double($0[15])! - 3800) < 1e-6 })
        let minima = try String(contentsOf: whole.appendingPathComponent("minima-curvature.csv"), encoding: .utf8).split(separator: "\n")
        #expect(minima.first == "optimizer,step,loss,lambda_1,lambda_2,trace,trace_error,slice_radius,rise_minus,rise_plus,quadratic_rise")
        #expect(minima.count == 3)
        let barriers = try String(contentsOf: whole.appendingPathComponent("barriers.csv"), encoding: .utf8).split(separator: "\n")
        #expect(barriers.count == 2 && barriers[1].hasPrefix("sgd,1,adam,1,") && barriers[1].hasSuffix(",0,4"), "same start: no unit moves")

        for k in 1...3 {
            let share = try curvature(shared, data, ["--shard", "\(k)/3"])
            #expect(share.status == 0 && share.output.contains("share \(k) of 3"), "\(share.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: shared.appendingPathComponent("sharpness.csv").path), "a share writes no outputs")
        let merged = try curvature(shared, data, ["--merge"])
        #expect(merged.status == 0, "\(merged.error)")
        for name in Self.outputs {
            #expect(try Data(contentsOf: whole.appendingPathComponent(name)) == Data(contentsOf: shared.appendingPathComponent(name)), "\(name)")
        }

        let before = try Self.outputs.map { try Data(contentsOf: whole.appendingPathComponent($0)) }
        let again = try curvature(whole, data, [])
        #expect(again.status == 0 && !again.output.contains("measurements to make"), "\(again.output)")
        try FileManager.default.removeItem(at: whole.appendingPathComponent("curvature/path-adam-seed1-step-000003.json"))
        let resumed = try curvature(whole, data, [])
        #expect(resumed.status == 0 && resumed.output.contains("1 of 9 measurements to make (8 recorded)"), "\(resumed.output)")
        #expect(try Self.outputs.map { try Data(contentsOf: whole.appendingPathComponent($0)) } == before)
    }

    /// With another seed's minima: every minimum of seed 1 against every one of seed 2, from other
    /// initial weights, so the alignment moves units.
    @Test func measuresTheBarriersToAnotherSeedsMinima() throws {
        let data = try SyntheticData(), out = try LandscapeTests.runFolder(seeds: [1, 2])
        let run = try curvature(out, data, ["--versus-seed", "2"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("13 of 13 measurements to make") && run.output.contains("barrier adam (seed 1) to sgd (seed 2): "), "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("barriers-seeds.png").path))
        let rows = try String(contentsOf: out.appendingPathComponent("barriers.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        #expect(rows.map { "\($0[0])\($0[1])-\($0[2])\($0[3])" } == ["sgd1-adam1", "sgd1-sgd2", "sgd1-adam2", "adam1-sgd2", "adam1-adam2"])
        for row in rows.dropFirst() { #expect(Int(row[10])! > 0, "from other initial weights the alignment moves units: \(row)") }
    }

    /// Every file under `folder`, with its size.
    static func listing(_ folder: URL) -> [String: Int] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, (try? Data(contentsOf: folder.appendingPathComponent($0)))?.count ?? -1) })
    }

    @Test func badInputGivesOneLineAndWritesNothing() throws {
        let data = try SyntheticData(), empty = try scratchDirectory(), run = try LandscapeTests.runFolder()
        // Adam's snapshots as they were written before the curvature needed the rate and the preconditioner.
        let old = try LandscapeTests.runFolder(), folder = Snapshots.folder(in: old, optimizer: "adam", seed: 1)
        for snapshot in try Snapshots.load(from: folder) {
            let h = snapshot.header
            var bytes = Data(Snapshots.magic)
            let json = try JSONEncoder().encode(Snapshot.Header(optimizer: h.optimizer, seed: h.seed, sizes: h.sizes,
                                                                                              step: h.step, epoch: h.epoch))
            withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(json)
            snapshot.weights.withUnsafeBufferPointer { bytes.append($0) }
            try bytes.write(to: folder.appendingPathComponent(String(format: "step-%06d.bin", h.step)))
        }
        // A share measured with other flags, and a record cut short.
        let mixed = try LandscapeTests.runFolder(), damaged = try LandscapeTests.runFolder()
        #expect(try curvature(mixed, data, ["--shard", "1/3", "--probes", "2"]).status == 0)
        #expect(try curvature(damaged, data, ["--shard", "1/3"]).status == 0)
        try Data("{\"settings\": {".utf8).write(to: damaged.appendingPathComponent("curvature/path-sgd-seed1-step-000000.json"))
        // A record from before the solver was recorded (or of another solver) is not mixed in.
        let unrecorded = try LandscapeTests.runFolder()
        #expect(try curvature(unrecorded, data, ["--shard", "1/3"]).status == 0)
        let record = unrecorded.appendingPathComponent("curvature/path-sgd-seed1-step-000000.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: record)) as? [String: Any])
        var settings = try #require(object["settings"] as? [String: Any])
        settings["eigensolver"] = nil
        object["settings"] = settings
        try JSONSerialization.data(withJSONObject: object).write(to: record)
        let cases: [(URL, [String], String)] = [
            (empty, [], "no snapshots of seed 1 in"),
            (old, [], "the snapshots of adam (seed 1) lack the learning rate and the optimizer's preconditioner"),
            (run, ["--shard", "4/3"], "The value '4/3' is invalid for '--shard <k/n>'"),
            (run, ["--merge"], "9 of 9 measurements have no record in"),
            (run, ["--slice-points", "4"], "--slice-points 4 must be odd"),
            (run, ["--shard", "1/2", "--merge"], "give --shard or --merge, not both"),
            (mixed, [], "was measured with 3 samples, 2 probes"),
            (damaged, [], "path-sgd-seed1-step-000000.json is damaged: delete it (the job measures it again)"),
            (unrecorded, [], "eigenvalues by an unrecorded solver, not 3 samples"),
            (run, ["--versus-seed", "1"], "--versus-seed 1 must be another seed than --seed 1"),
            (run, ["--versus-seed", "2"], "no snapshots of seed 2 in"),
        ]
        for (out, extra, message) in cases {
            let before = Self.listing(out)
            let result = try curvature(out, data, extra)
            #expect(result.status != 0 && result.error.contains(message) && result.error.split(separator: "\n").count == 1, "\(result.error)")
            #expect(Self.listing(out) == before, "\(message): nothing written")
        }
    }
}
