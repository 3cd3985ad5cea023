import Foundation
import Testing
@testable import Optimizers

/// Every rule, schedule, clipping, weight decay and moving average against Keras 3's own
/// float64 paths on Beale, Rosenbrock and the saddle (`Fixtures/keras-paths.json`, written by
/// `Tools/keras-paths.py`). Each case's optimizer is read from the very dictionary Keras
/// deserialised, so Keras's serialised form is checked along the way.
@Suite struct KerasPathsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let surface: String, name: String, start: [Double], path: [[Double]]
        /// How far (relative) Descent's path may be from Keras's at any step: as tight as the case holds.
        let tolerance: Double?
        nonisolated(unsafe) let optimizer: [String: Any]
        var testDescription: String { "\(name) on \(surface)" }
    }

    nonisolated(unsafe) static let fixture: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras-paths.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }()

    static let cases: [Case] = {
        let surfaces = fixture["surfaces"] as? [String: [String: Any]] ?? [:]
        let tolerances = fixture["tolerances"] as? [String: [String: Double]] ?? [:]
        return surfaces.keys.sorted().flatMap { surface -> [Case] in
            let entry = surfaces[surface]!, paths = entry["paths"] as! [String: [String: Any]]
            return paths.keys.sorted().map { name in
                Case(surface: surface, name: name, start: entry["start"] as! [Double], path: paths[name]!["path"] as! [[Double]],
                     tolerance: tolerances[surface]?[name], optimizer: paths[name]!["optimizer"] as! [String: Any])
            }
        }
    }()

    /// The surfaces' gradients, written out as the fixture's generator writes them.
    static func gradient(_ surface: String, _ p: [Double]) -> [Double] {
        let (x, y) = (p[0], p[1])
        switch surface {
        case "beale":
            let terms = [(1.0, 1.5), (2.0, 2.25), (3.0, 2.625)]
            return [terms.reduce(0) { $0 + 2 * ($1.1 - x + x * pow(y, $1.0)) * (pow(y, $1.0) - 1) },
                    terms.reduce(0) { $0 + 2 * ($1.1 - x + x * pow(y, $1.0)) * ($1.0 * x * pow(y, $1.0 - 1)) }]
        case "rosenbrock": return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]
        default: return [2 * x, -2 * y]
        }
    }

    /// Every rule whose provenance is Keras, and every schedule, by its exact class name.
    @Test func theFixtureCoversEveryKerasRuleAndSchedule() {
        #expect(Self.cases.count >= 3 * 30)
        let classes = Set(Self.cases.compactMap { $0.optimizer["class_name"] as? String })
        let schedules = Set(Self.cases.compactMap { (($0.optimizer["config"] as? [String: Any])?["learning_rate"] as? [String: Any])?["class_name"] as? String })
        for entry in OptimizerRule.registry where entry.provenance.isKeras { #expect(classes.contains(entry.className), "\(entry.className)") }
        for name in LearningRateSchedule.classNames { #expect(schedules.contains(name), "\(name)") }
    }

    @Test(arguments: cases)
    func descentFollowsKeras(_ c: Case) throws {
        let configuration = try OptimizerConfiguration.keras(c.optimizer).configuration
        let optimizer = try Optimizer<Double>(configuration)
        // DESCENT_PRINT_KERAS_ERRORS=1 prints each case's largest difference instead of checking it,
        // to set the tolerances of a newly written fixture (Tools/keras-paths.py says how).
        let printing = ProcessInfo.processInfo.environment["DESCENT_PRINT_KERAS_ERRORS"] != nil
        let tolerance = printing ? .infinity : try #require(c.tolerance, "the fixture gives no tolerance for \(c.name) on \(c.surface)")
        var p = c.start, worst = 0.0
        for (k, expected) in c.path.enumerated() {
            try optimizer.update(parameters: &p, gradients: Self.gradient(c.surface, p))
            let off = zip(p, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .nan
            worst = max(worst, off)
            guard off <= tolerance else {
                Issue.record("step \(k + 1): \(p) but Keras \(expected) (relative \(off), tolerance \(tolerance))")
                return
            }
        }
        if printing { print("KERAS-ERROR \(c.surface) \(c.name) \(worst)") }
    }
}
