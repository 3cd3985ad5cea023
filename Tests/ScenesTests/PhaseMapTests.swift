import Foundation
import Testing
import Optimizers
@testable import Scenes
import Surfaces

/// Phase maps against the quadratic's closed form (Goh 2017): on `a*y^2` gradient descent
/// diverges for `lr > 2/(2a)`, heavy-ball momentum `mu` for `lr > 2(1+mu)/(2a)`.
@Suite struct PhaseMapTests {
    @Test func theDivergenceBoundaryIsTheQuadraticsClosedForm() throws {
        // The long valley x²/20 + 5y²: across it a = 5, so the boundary is lr = 0.2 (1 + mu).
        let scene = try Scene(name: "valley", surface: .builtIn("valley"), start: Point(-9, 1.5), steps: 1000, runners: [Runner(.sgd)])
        let map = try PhaseMap(scene, runner: scene.runners[0], x: try PhaseAxis("learning_rate=0.1:0.5"),
                               y: try PhaseAxis("momentum=0:0.9"), columns: 60, rows: 10)
        var checked = 0
        for i in 0..<map.columns * map.rows {
            let lr = map.x.value(i % map.columns, of: map.columns), mu = map.y.value(map.rows - 1 - i / map.columns, of: map.rows)
            let boundary = 0.2 * (1 + mu)
            if lr < 0.97 * boundary { #expect(map.divergedAt[i] == nil && map.values[i] < 1e-3, "lr \(lr), mu \(mu)"); checked += 1 }
            if lr > 1.03 * boundary { #expect(map.divergedAt[i] != nil && map.values[i].isNaN, "lr \(lr), mu \(mu)"); checked += 1 }
        }
        #expect(checked > 500)
    }

    /// Steps to tolerance: the first step whose loss is within the tolerance, the same as the path's.
    @Test func stepsToToleranceIsThePathsFirstArrival() throws {
        let scene = try Scene(name: "valley", surface: .builtIn("valley"), start: Point(-9, 1.5), steps: 400, runners: [Runner(.momentum)])
        let map = try PhaseMap(scene, runner: scene.runners[0], x: try PhaseAxis("learning_rate=0.04:0.06"), y: try PhaseAxis("momentum=0.85:0.95"),
                               columns: 1, rows: 1, metric: .stepsToTolerance, tolerance: 1e-4)
        let path = try Stepping.run([Runner(.momentum, learningRate: 0.05)], on: LongValley(), from: Point(-9, 1.5), steps: 400)[0]
        let first = path.losses.firstIndex { $0 <= 1e-4 }
        #expect(first != nil && map.values[0] == Double(first!))
        #expect(map.ownValue("learning_rate") == 0.01 && map.ownValue("momentum") == 0.9, "the runner's own setting, to star")
    }

    @Test func axesReadTheirRanges() throws {
        let axis = try PhaseAxis("learning_rate=0.001:1:log")
        #expect(axis.logarithmic && abs(axis.value(0, of: 3) - 0.01 / sqrt(10)) < 1e-12 && abs(axis.value(1, of: 3) - 0.0316227766) < 1e-9)
        #expect(try PhaseAxis("momentum=0:0.9").value(1, of: 2) == 0.675)
    }
}

/// A path's replay explains any step the same whether it walks there from the start or from a
/// state it kept on the way.
@Suite struct PathReplayTests {
    @Test func keptStatesReplayTheSameSteps() throws {
        let runner = Runner(.adam, learningRate: 0.05)
        let cold = PathReplay(runner, on: Beale(), from: Point(1, 1.5), steps: 2500, interval: 1000)
        let warm = PathReplay(runner, on: Beale(), from: Point(1, 1.5), steps: 2500, interval: 1000)
        _ = try warm.internals(at: 2400)   // keeps the states after steps 1000 and 2000
        for step in [1, 999, 1000, 1001, 2001, 2500] {
            #expect(try warm.internals(at: step) == cold.internals(at: step), "step \(step)")
        }
        let path = try Stepping.run([runner], on: Beale(), from: Point(1, 1.5), steps: 2500)[0]
        let s = try #require(try warm.internals(at: 2001))
        #expect(s.from == [path.points[2000].x, path.points[2000].y] && s.to == [path.points[2001].x, path.points[2001].y])
    }
}
