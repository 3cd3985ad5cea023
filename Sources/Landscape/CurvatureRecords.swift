import FashionMNIST
import Foundation

/// What every curvature record was computed with: records of other settings are not mixed (a
/// resumed job or a merge with other flags says so), and the library must be the same one
/// (libraries differ in the last bits).
public struct CurvatureSettings: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Training images the loss is averaged over, the first ones.
    public var samples: Int
    /// Hutchinson probes for each trace.
    public var probes: Int
    /// The Lanczos iteration's tolerance on a Ritz value's residual, relative to the value, and its iteration limit.
    public var tolerance: Double, maxIterations: Int
    /// Eigenvalues at each final minimum.
    public var top: Int
    /// Points of the slice along the top eigenvector, and how far it reaches each way.
    public var slicePoints: Int, sliceRadius: Double
    /// Points on each line between two minima.
    public var linePoints: Int
    /// The matrix library of the products.
    public var library: String
    /// How the eigenvalues are found (`Lanczos/method`): records another solver made are not mixed
    /// with these (nil: a record from before the solver was recorded).
    public var eigensolver: String?

    /// Settings as given (the command checks their ranges), for the solver of this version.
    public init(samples: Int, probes: Int, tolerance: Double, maxIterations: Int, top: Int, slicePoints: Int, sliceRadius: Double,
                linePoints: Int, library: String) {
        (self.samples, self.probes, self.tolerance, self.maxIterations, self.top) = (samples, probes, tolerance, maxIterations, top)
        (self.slicePoints, self.sliceRadius, self.linePoints, self.library) = (slicePoints, sliceRadius, linePoints, library)
        eigensolver = Lanczos.method
    }

    public var description: String {
        "\(samples) samples, \(probes) probes, tolerance \(tolerance), \(maxIterations) iterations, top \(top), "
            + "slice \(slicePoints) points to \(sliceRadius), \(linePoints) line points, \(library), eigenvalues by \(eigensolver ?? "an unrecorded solver")"
    }
}

/// An eigenvalue found by the Lanczos iteration, and how it was found.
public struct FoundEigenvalue: Codable, Sendable, Equatable {
    /// The Ritz value at the end.
    public var value: Double
    /// Products taken (shared by the eigenvalues found together).
    public var iterations: Int
    /// Whether it settled within the tolerance.
    public var converged: Bool

    /// Each eigenvalue of `result`.
    static func all(_ result: Lanczos.Result) -> [FoundEigenvalue] {
        result.values.map { FoundEigenvalue(value: $0, iterations: result.iterations, converged: result.converged) }
    }
}

/// The curvature at one snapshot of one optimizer's path.
public struct PathCurvature: Codable, Sendable, Equatable {
    /// Which snapshot.
    public var optimizer: String, step: Int, epoch: Double
    /// The learning rate of the step and the rule's stability limit (`UpdateRule.stabilityLimit`).
    public var learningRate: Double, stabilityLimit: Double?
    /// Loss and accuracy over the samples.
    public var loss: Double, accuracy: Double
    /// The Hessian's top eigenvalue.
    public var sharpness: FoundEigenvalue
    /// The top eigenvalue of `P⁻¹H`, for a rule with a preconditioner after its first step.
    public var preconditioned: FoundEigenvalue?
    /// The Hessian's trace (Hutchinson) and its standard error.
    public var trace: Double, traceError: Double
    /// Wall time of the measurement.
    public var seconds: Double

    /// `stabilityLimit / learningRate`: where the sharpness that governs the rule's stability
    /// (the preconditioned one when it has a preconditioner) makes its step oscillate outward.
    public var threshold: Double? { stabilityLimit.map { $0 / learningRate } }
}

/// The curvature at an optimizer's final weights.
public struct MinimumCurvature: Codable, Sendable, Equatable {
    /// Whose minimum, at which step.
    public var optimizer: String, step: Int
    /// The Hessian's largest eigenvalues, largest first.
    public var eigenvalues: [FoundEigenvalue]
    /// The slice along the top eigenvector: offsets (parameter-space distance) and the loss there.
    public var slicePositions: [Double], sliceLosses: [Double]
    /// Wall time of the measurement.
    public var seconds: Double

    /// The loss at the minimum (the slice's middle point).
    public var loss: Double { sliceLosses[sliceLosses.count / 2] }
}

/// The losses along the straight line between two optimizers' final weights, before and after
/// the second's hidden units are aligned to the first's.
public struct BarrierPair: Codable, Sendable, Equatable {
    /// The two optimizers, and the seeds of their runs.
    public var first: String, second: String, firstSeed: Int, secondSeed: Int
    /// Positions on the line, from 0 (the first's weights) to 1.
    public var positions: [Double]
    /// The loss at each position, before and after alignment.
    public var before: [Double], after: [Double]
    /// Hidden units the alignment moved, of all the second network's.
    public var unitsMoved: Int, hiddenUnits: Int
    /// Wall time of the measurement.
    public var seconds: Double

    /// `adam` when both ends are of one seed, else `adam (seed 1)`.
    public var firstName: String { firstSeed == secondSeed ? first : "\(first) (seed \(firstSeed))" }
    /// `sgd`, or `sgd (seed 2)`.
    public var secondName: String { firstSeed == secondSeed ? second : "\(second) (seed \(secondSeed))" }

    /// The highest loss on the line above the mean of its ends, before and after alignment.
    public var heights: (before: Double, after: Double) { (Self.height(before), Self.height(after)) }

    static func height(_ losses: [Double]) -> Double { max(0, losses.max()! - (losses.first! + losses.last!) / 2) }
}

/// One measurement a curvature job makes, and the file its record is kept in:
/// `curvature/path-<optimizer>-seed<N>-step-000100.json`, `minimum-<optimizer>-seed<N>.json`,
/// `barrier-<a>-<b>-seed<N>.json` (of two seeds: `barrier-<a>-seed<N>-<b>-seed<M>.json`).
enum CurvatureItem: Equatable {
    /// One end of a barrier's line: an optimizer's final weights in the run of a seed.
    struct End: Equatable {
        let optimizer: String, seed: Int
    }

    case path(optimizer: String, step: Int)
    case minimum(optimizer: String)
    case barrier(End, End)

    func name(seed: Int) -> String {
        switch self {
        case let .path(optimizer, step): String(format: "path-%@-seed%d-step-%06d.json", optimizer, seed, step)
        case let .minimum(optimizer): "minimum-\(optimizer)-seed\(seed).json"
        case let .barrier(a, b) where a.seed == b.seed: "barrier-\(a.optimizer)-\(b.optimizer)-seed\(a.seed).json"
        case let .barrier(a, b): "barrier-\(a.optimizer)-seed\(a.seed)-\(b.optimizer)-seed\(b.seed).json"
        }
    }
}

/// The records of a job's measurements, one file each written atomically, so an interrupted job
/// loses only the measurement in progress and shares merge by reading each other's files.
struct CurvatureRecords {
    let folder: URL, seed: Int, settings: CurvatureSettings

    init(in out: URL, seed: Int, settings: CurvatureSettings) {
        folder = out.appendingPathComponent("curvature")
        (self.seed, self.settings) = (seed, settings)
    }

    private struct Record<Body: Codable>: Codable {
        var settings: CurvatureSettings
        var body: Body
    }

    func url(_ item: CurvatureItem) -> URL { folder.appendingPathComponent(item.name(seed: seed)) }

    /// The record of `item`, nil when there is none; throws when it is damaged or of other settings.
    func read<Body: Codable>(_ item: CurvatureItem, as: Body.Type) throws -> Body? {
        let url = url(item)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let record = try? JSONDecoder().decode(Record<Body>.self, from: data) else {
            throw LandscapeError("\(url.path) is damaged: delete it (the job measures it again)")
        }
        guard record.settings == settings else {
            throw LandscapeError("\(url.lastPathComponent) was measured with \(record.settings), not \(settings): "
                                 + "pass the same flags, or delete \(folder.path) to measure again")
        }
        return record.body
    }

    func write<Body: Codable>(_ body: Body, for item: CurvatureItem) throws {
        let url = url(item)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(Record(settings: settings, body: body)).write(to: url, options: .atomic)
        } catch {
            throw LandscapeError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
