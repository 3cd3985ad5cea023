import FashionMNIST
import Foundation

/// The curvature of the real network along each optimizer's path and at the minima the paths
/// end in, from a training run's snapshots (the measurements, after Cohen et al. 2021
/// and 2022, PyHessian and Ainsworth et al. 2023): at every snapshot the Hessian's top
/// eigenvalue, the preconditioned one (`P⁻¹H`) for a rule that scales each coordinate, and the
/// trace; at each final minimum the top eigenvalues and the loss along the top eigenvector; for
/// every pair of minima the barrier on the line between them before and after weight matching
/// (and, with `versusSeed`, between each minimum and each of another seed's, from other initial
/// weights).
/// Each measurement is a record of its own (resume by running again; `shard` for a job runner,
/// `merge` to assemble); `mnist-compare curvature` wires it.
public struct CurvatureJob: Sendable {
    /// What the records are measured with (samples, probes, tolerance, …).
    public var settings = CurvatureSettings(samples: 5_000, probes: 10, tolerance: 1e-3, maxIterations: 100, top: 5,
                                            slicePoints: 21, sliceRadius: 1, linePoints: 21, library: MatrixLibrary.oneDNN.rawValue)
    /// The seed whose runs to measure.
    public var seed = 1
    /// Another seed whose minima to measure the barriers to (its runs' final weights only).
    public var versusSeed: Int?
    /// Measure only share `index` (from 1) of `count` of the measurements.
    public var shard: (index: Int, count: Int)?
    /// Only assemble the records into the outputs.
    public var merge = false
    /// The size of the pictures.
    public var size = PictureSize(width: 1400, height: 700)

    /// The defaults of `mnist-compare curvature`.
    public init() {}

    /// Runs the job on the run folder `folder`: `images(n)` gives the first n training images,
    /// `report` hears each line worth printing.
    public func run(in folder: URL, images: (Int) throws -> LabeledImages, report: (String) -> Void) throws {
        guard let library = MatrixLibrary(rawValue: settings.library) else { throw LandscapeError("no matrix library '\(settings.library)'") }
        let runs = try LandscapeRuns.load(from: folder, seed: UInt64(seed))
        try Self.checkSlots(runs)
        var runsBySeed = [seed: runs]
        if let versusSeed {
            guard versusSeed != seed else { throw LandscapeError("--versus-seed \(versusSeed) is the seed measured: name another") }
            let others = try LandscapeRuns.load(from: folder, seed: UInt64(versusSeed))
            guard others.sizes == runs.sizes else {
                throw LandscapeError("seed \(versusSeed)'s network is \(others.sizes.map(String.init).joined(separator: "-")), "
                                     + "not \(runs.sizes.map(String.init).joined(separator: "-")) as seed \(seed)'s")
            }
            runsBySeed[versusSeed] = others
        }
        let records = CurvatureRecords(in: folder, seed: seed, settings: settings)
        let items = items(of: runs, versus: versusSeed.flatMap { runsBySeed[$0] })
        if merge {
            let missing = try items.filter { try !has($0, in: records) }
            guard missing.isEmpty else {
                throw LandscapeError("\(missing.count) of \(items.count) measurements have no record in \(records.folder.path) "
                                     + "(the first: \(missing[0].name(seed: seed))): run the missing shares first")
            }
        } else {
            let mine = items.enumerated().filter { shard == nil || $0.offset % shard!.count == shard!.index - 1 }.map(\.element)
            let todo = try mine.filter { try !has($0, in: records) }
            if !todo.isEmpty {
                report("\(todo.count) of \(mine.count) measurements to make (\(mine.count - todo.count) recorded) over \(settings.samples) images on \(library.rawValue)")
                let probe = LossProbe(sizes: runs.sizes, images: try images(settings.samples), library: library)
                for item in todo { try measure(item, runs: runs, runsBySeed: runsBySeed, probe: probe, records: records, report: report) }
            }
            if let shard { return report("share \(shard.index) of \(shard.count): \(mine.count) measurements recorded in \(records.folder.path)") }
        }
        try CurvatureOutputs(records: records, runs: runs, items: items, size: size).write(in: folder, report: report)
    }

    /// Every snapshot must say its learning rate and, for a rule with a preconditioner, carry it.
    static func checkSlots(_ runs: LandscapeRuns) throws {
        for run in runs.runs {
            for snapshot in run.snapshots where snapshot.header.learningRate == nil || snapshot.header.preconditioned == nil {
                throw LandscapeError("the snapshots of \(run.optimizer.name) (seed \(snapshot.header.seed)) lack the learning rate and the "
                                     + "optimizer's preconditioner (written before the curvature needed them): train again with --fresh")
            }
        }
    }

    /// Every measurement, in order: each snapshot of each path, each minimum, each pair of minima,
    /// then each minimum against each of `others`' (another seed's).
    func items(of runs: LandscapeRuns, versus others: LandscapeRuns?) -> [CurvatureItem] {
        let names = runs.runs.map(\.optimizer.name)
        var items = runs.runs.flatMap { run in run.snapshots.map { CurvatureItem.path(optimizer: run.optimizer.name, step: $0.header.step) } }
        items += names.map { .minimum(optimizer: $0) }
        guard settings.linePoints > 0 else { return items }
        let end = { (name: String, seed: Int) in CurvatureItem.End(optimizer: name, seed: seed) }
        for i in names.indices { for j in names.indices where j > i { items.append(.barrier(end(names[i], seed), end(names[j], seed))) } }
        if let others, let versusSeed {
            for a in names { for b in others.runs.map(\.optimizer.name) { items.append(.barrier(end(a, seed), end(b, versusSeed))) } }
        }
        return items
    }

    func has(_ item: CurvatureItem, in records: CurvatureRecords) throws -> Bool {
        switch item {
        case .path: try records.read(item, as: PathCurvature.self) != nil
        case .minimum: try records.read(item, as: MinimumCurvature.self) != nil
        case .barrier: try records.read(item, as: BarrierPair.self) != nil
        }
    }

    func measure(_ item: CurvatureItem, runs: LandscapeRuns, runsBySeed: [Int: LandscapeRuns], probe: LossProbe, records: CurvatureRecords,
                 report: (String) -> Void) throws {
        let started = Date()
        let seconds = { Date().timeIntervalSince(started) }
        switch item {
        case let .path(name, step):
            let run = try runs.run(named: name), snapshot = run.snapshots.first { $0.header.step == step }!
            var record = try measure(snapshot, probe: probe)
            record.seconds = seconds()
            try records.write(record, for: item)
            report(Self.line(record))
        case let .minimum(name):
            var record = try minimum(of: runs.run(named: name), probe: probe)
            record.seconds = seconds()
            try records.write(record, for: item)
            report(String(format: "%@ minimum: top eigenvalues %@, %.1f s", name,
                          record.eigenvalues.map { String(format: "%.4g", $0.value) }.joined(separator: ", "), record.seconds))
        case let .barrier(a, b):
            let line = Barrier.beforeAndAfterAlignment(try runsBySeed[a.seed]!.run(named: a.optimizer).final, try runsBySeed[b.seed]!.run(named: b.optimizer).final,
                                                       sizes: runs.sizes, points: settings.linePoints, probe: probe)
            let record = BarrierPair(first: a.optimizer, second: b.optimizer, firstSeed: a.seed, secondSeed: b.seed, positions: line.before.positions,
                                     before: line.before.losses, after: line.after.losses, unitsMoved: line.moved,
                                     hiddenUnits: runs.sizes.dropFirst().dropLast().reduce(0, +), seconds: seconds())
            try records.write(record, for: item)
            report(String(format: "%@ to %@: barrier %.4g, after aligning hidden units %.4g (%d of %d moved), %.1f s", record.firstName,
                          record.secondName, record.heights.before, record.heights.after, record.unitsMoved, record.hiddenUnits, record.seconds))
        }
    }

    /// Sharpness, preconditioned sharpness and trace at one snapshot.
    func measure(_ snapshot: Snapshot, probe: LossProbe) throws -> PathCurvature {
        let h = HessianOperator(probe, at: snapshot.weights), header = snapshot.header
        let top = try Lanczos.top(count: h.count, tolerance: settings.tolerance, maxIterations: settings.maxIterations, h.product)
        let preconditioned = try snapshot.inversePreconditioner.map {
            try Lanczos.top(count: h.count, tolerance: settings.tolerance, maxIterations: settings.maxIterations, h.preconditioned(by: $0))
        }
        let trace = HutchinsonTrace.estimate(count: h.count, probes: settings.probes, h.product)
        return PathCurvature(optimizer: header.optimizer, step: header.step, epoch: header.epoch, learningRate: header.learningRate!,
                             stabilityLimit: header.stabilityLimit, loss: h.loss, accuracy: h.accuracy, sharpness: FoundEigenvalue.all(top)[0],
                             preconditioned: preconditioned.map { FoundEigenvalue.all($0)[0] }, trace: trace.trace, traceError: trace.standardError,
                             seconds: 0)
    }

    /// The top eigenvalues at a run's final weights and the loss along the first one's vector.
    func minimum(of run: LandscapeRuns.Run, probe: LossProbe) throws -> MinimumCurvature {
        let h = HessianOperator(probe, at: run.final)
        let found = try Lanczos.top(settings.top, count: h.count, tolerance: settings.tolerance, maxIterations: settings.maxIterations, h.product)
        let positions = (0..<settings.slicePoints).map { settings.sliceRadius * (2 * Double($0) / Double(settings.slicePoints - 1) - 1) }
        let vector = found.vectors[0]
        let losses = positions.map { alpha in
            let weights = zip(run.final, vector).map { Float(Double($0) + alpha * Double($1)) }
            return weights.withUnsafeBufferPointer { probe.evaluate($0).loss }
        }
        return MinimumCurvature(optimizer: run.optimizer.name, step: run.snapshots.last!.header.step, eigenvalues: FoundEigenvalue.all(found),
                                slicePositions: positions, sliceLosses: losses, seconds: 0)
    }

    /// `adam step 100 (epoch 0.43): loss 0.4099, sharpness 26.06 (10 products), P⁻¹H 1.027e+04 (11 products), limit 3.8e+04,
    /// trace 219.9 ± 25, 4.1 s`.
    static func line(_ r: PathCurvature) -> String {
        var parts = [String(format: "%@ step %d (epoch %.2f): loss %.4f, sharpness %.4g (%d products%@)", r.optimizer, r.step, r.epoch, r.loss,
                            r.sharpness.value, r.sharpness.iterations, r.sharpness.converged ? "" : ", not settled")]
        if let p = r.preconditioned {
            parts.append(String(format: "P⁻¹H %.4g (%d products%@)", p.value, p.iterations, p.converged ? "" : ", not settled"))
        }
        if let threshold = r.threshold { parts.append(String(format: "limit %.4g", threshold)) }
        parts.append(String(format: "trace %.4g ± %.2g, %.1f s", r.trace, r.traceError, r.seconds))
        return parts.joined(separator: ", ")
    }
}
