import Foundation
import Optimizers
import Scenes
import Surfaces
import Testing

/// Seeded gradient noise: reproducible, the same draws for every optimizer, off at 0.
@Suite struct GradientNoiseTests {
    func scene(noise: GradientNoise?, runners: [Runner] = [Runner(.sgd, learningRate: 0.01), Runner(.adam, learningRate: 0.05)],
               surface: SurfaceSource = "beale") throws -> Scene {
        try Scene(name: "n", surface: surface, start: Point(1, 1.5), steps: 200, runners: runners, noise: noise)
    }

    @Test func identicalSeedsGiveIdenticalPathsAndOtherSeedsOthers() throws {
        let a = try scene(noise: GradientNoise(gradientStd: 0.5, seed: 3)).run()
        let b = try scene(noise: GradientNoise(gradientStd: 0.5, seed: 3)).run()
        let c = try scene(noise: GradientNoise(gradientStd: 0.5, seed: 4)).run()
        #expect(a == b)
        #expect(a[0].points != c[0].points)
        #expect(a[0].points != (try scene(noise: nil).run())[0].points)
    }

    @Test func zeroDeviationIsTheNoiseFreePathBitForBit() throws {
        let exact = try scene(noise: nil).run(), zero = try scene(noise: GradientNoise(gradientStd: 0, seed: 9)).run()
        #expect(exact == zero)
    }

    @Test func everyOptimizerSeesTheSameDraws() throws {
        // A flat surface: the gradient is the noise alone. SGD at rate 1 and at rate 2 from the
        // same start: every displacement of the second is twice the first's, step by step.
        let runners = [Runner(name: "sgd", label: "one", configuration: OptimizerKind.sgd.configuration(learningRate: 1)),
                       Runner(name: "sgd", label: "two", configuration: OptimizerKind.sgd.configuration(learningRate: 2))]
        let flat = SurfaceSource.formula("0*x + 0*y", window: Window(x: -50...50, y: -50...50), minima: [])
        let paths = try scene(noise: GradientNoise(gradientStd: 1, seed: 5), runners: runners, surface: flat).run()
        var worst = 0.0
        for k in 1...200 {
            let one = paths[0].points[k], two = paths[1].points[k], before = (paths[0].points[k - 1], paths[1].points[k - 1])
            worst = max(worst, abs((two.x - before.1.x) - 2 * (one.x - before.0.x)), abs((two.y - before.1.y) - 2 * (one.y - before.0.y)))
        }
        #expect(worst < 1e-12, "largest step mismatch \(worst)")
        #expect(paths[0].points[1] != Point(1, 1.5), "the noise moved it")
    }

    @Test func drawsAreStandardNormal() throws {
        // Each step's draw, read back through SGD at rate 1 on the flat surface: mean 0, deviation 0.5.
        let flat = SurfaceSource.formula("0*x + 0*y", window: Window(x: -50...50, y: -50...50), minima: [])
        let runner = Runner(name: "sgd", label: "SGD", configuration: OptimizerKind.sgd.configuration(learningRate: 1))
        let s = try Scene(name: "n", surface: flat, start: Point(0, 0), steps: 20_000, runners: [runner],
                          noise: GradientNoise(gradientStd: 0.5, seed: 1))
        let points = try s.run()[0].points
        let draws = (1..<points.count).flatMap { [points[$0 - 1].x - points[$0].x, points[$0 - 1].y - points[$0].y] }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let deviation = (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)).squareRoot()
        #expect(abs(mean) < 0.01 && abs(deviation - 0.5) < 0.01, "mean \(mean), deviation \(deviation)")
    }

    /// A run draws its noise once for all its runners: the same numbers, step by step.
    @Test func drawingAheadGivesTheSameDraws() throws {
        for noise in [try GradientNoise(gradientStd: 0.7, seed: 5), try GradientNoise(gradientStd: 0.7, seed: 5, relative: true)] {
            let drawn = noise.drawn(steps: 300)
            for step in [1, 2, 150, 300] {
                let g = Point(0.3 * Double(step), -2)
                #expect(drawn.noisy(g, step: step) == noise.noisy(g, step: step))
            }
        }
        let silent = try GradientNoise(gradientStd: 0, seed: 5).drawn(steps: 300)
        #expect(silent.noisy(Point(-0.0, 3), step: 9).x.sign == .minus, "nothing added, not even +0")
    }

    @Test func relativeNoiseVanishesWhereTheGradientDoes() throws {
        let noise = try GradientNoise(gradientStd: 2, seed: 1, relative: true)
        #expect(noise.noisy(Point(0, 0), step: 7) == Point(0, 0))
        let g = noise.noisy(Point(3, 4), step: 7), absolute = try GradientNoise(gradientStd: 2, seed: 1).noisy(Point(3, 4), step: 7)
        // The same draw, scaled by |g| = 5.
        #expect(abs((g.x - 3) - 5 * (absolute.x - 3)) < 1e-12 && abs((g.y - 4) - 5 * (absolute.y - 4)) < 1e-12)
    }

    @Test(arguments: [
        ("{\"gradient_std\": -1}", "noise gradient_std must be finite and >= 0, got -1.0"),
        ("{\"gradient_std\": 1e999}", "not valid JSON"),
        ("{\"seed\": 2}", "noise needs a gradient_std"),
        ("{\"gradient_std\": 0.5, \"sigma\": 1}", "unknown field 'sigma' in noise"),
        ("{\"gradient_std\": 0.5, \"relative\": 1}", "noise relative must be true or false"),
        ("{\"gradient_std\": 0.5, \"seed\": -3}", "noise seed must be >= 0, got -3"),
        ("0.5", "noise must be an object with a gradient_std"),
    ])
    func badNoiseIsOneLine(noise: String, message: String) {
        let text = "{\"surface\": \"beale\", \"start\": [1, 1], \"steps\": 10, \"optimizers\": [{\"optimizer\": \"sgd\"}], \"noise\": \(noise)}"
        #expect {
            try SceneFile.parse(Data(text.utf8), name: "bad")
        } throws: { error in
            "\(error)".contains(message) && !"\(error)".contains("\n")
        }
    }

    @Test func aNoisySceneFileRoundTrips() throws {
        let s = try scene(noise: GradientNoise(gradientStd: 0.25, seed: 12, relative: true))
        let back = try SceneFile.parse(try SceneFile.encode(s), name: "n")
        #expect(back.noise == s.noise)
        #expect(try back.run() == s.run())
    }
}

/// Runs of a noisy scene.
@Suite struct SceneRunsTests {
    @Test(arguments: [(0, "runs must be 1 to 256, got 0"), (257, "runs must be 1 to 256, got 257")])
    func runsOutOfRange(runs: Int, message: String) {
        #expect(throws: SceneError(message)) {
            try Scene(name: "n", surface: "beale", start: Point(1, 1), steps: 10, runners: [Runner(.sgd)],
                      noise: GradientNoise(gradientStd: 0.1), runs: runs)
        }
    }

    @Test func severalRunsNeedNoise() {
        #expect(throws: SceneError("runs 4 needs gradient noise or a batch_size: without either every run is the same")) {
            try Scene(name: "n", surface: "beale", start: Point(1, 1), steps: 10, runners: [Runner(.sgd)], runs: 4)
        }
    }

    @Test func theCSVNumbersEveryRun() throws {
        let scene = try Scene(name: "n", surface: "beale", start: Point(1, 1), steps: 3, runners: [Runner(.sgd)],
                              noise: GradientNoise(gradientStd: 0.1, seed: 4), runs: 3)
        let lines = TrajectoryCSV.write(runs: try scene.runAll()).split(separator: "\n")
        #expect(lines.first == "optimizer,run,step,x,y,loss" && lines.count == 1 + 3 * 4)
        #expect(lines[1].hasPrefix("SGD,1,0,1.0,1.0,") && lines[9].hasPrefix("SGD,3,0,"))
        let file = try SceneFile.parse(try SceneFile.encode(scene), name: "n")
        let (read, made) = (try file.runAll(), try scene.runAll())
        #expect(file.runs == 3 && read == made)
    }
}

/// Minibatch gradients on a data surface.
@Suite struct MinibatchSceneTests {
    func scene(batch: Int?, surface: SurfaceSource = "linear-regression", runs: Int = 1) throws -> Scene {
        try Scene(name: "m", surface: surface, start: Point(0, 0), steps: 100,
                  runners: [Runner(.sgd, learningRate: 0.05), Runner(.adam, learningRate: 0.1)], runs: runs, batchSize: batch)
    }

    @Test func theFullBatchIsTheExactPathAndSmallBatchesAreNot() throws {
        let exact = try scene(batch: nil).run(), full = try scene(batch: 200).run(), small = try scene(batch: 8).run()
        #expect(full[0].points.count == exact[0].points.count)
        // The full batch in another order sums the same terms in another order: equal to rounding.
        #expect(zip(full[0].points, exact[0].points).allSatisfy { abs($0.x - $1.x) < 1e-9 && abs($0.y - $1.y) < 1e-9 })
        #expect(small[0].points != exact[0].points)
        let again = try scene(batch: 8).run()
        #expect(again == small, "the same batches every time")
    }

    @Test func runsOfMinibatchesDiffer() throws {
        let runs = try scene(batch: 8, runs: 3).runAll()
        let first = try scene(batch: 8).run()
        #expect(runs.count == 3 && runs[0] == first && runs[1][0].points != runs[0][0].points)
    }

    @Test(arguments: [(0, "batch_size must be 1 to 200 (the data set's size), got 0"),
                      (201, "batch_size must be 1 to 200 (the data set's size), got 201")])
    func batchSizeOutOfRange(size: Int, message: String) {
        #expect(throws: SceneError(message)) { try scene(batch: size) }
    }

    @Test func batchSizeNeedsADataSurface() {
        #expect(throws: SceneError("batch_size needs a data surface (linear-regression or logistic-regression), not beale")) {
            try scene(batch: 8, surface: "beale")
        }
    }
}

/// Basin maps of a noisy scene: the most frequent outcome over the runs, and its share.
@Suite struct NoisyBasinsTests {
    @Test func eachCellTakesItsRunsMostFrequentOutcome() throws {
        let scene = try Scene(name: "h", surface: "himmelblau", start: Point(0, 0), steps: 150, runners: [Runner(.sgd, learningRate: 0.01)],
                              noise: GradientNoise(gradientStd: 60, seed: 3), runs: 7)
        let basins = try Basins(scene, columns: 5, rows: 4)
        let minima = scene.surface.minima
        for i in 0..<20 {
            // The seven runs from this start, counted by hand.
            let start = basins.start(column: i % 5, row: i / 5)
            let runs = try Stepping.runs(scene.runners, on: scene.surface, from: start, steps: 150, noise: scene.noise!, count: 7)
            let outcomes = runs.map { run -> Int in
                guard run[0].divergedAt == nil, let end = run[0].points.last else { return -2 }
                let (index, distance) = minima.enumerated().map { ($0.offset, $0.element.distance(to: end)) }.min { $0.1 < $1.1 }!
                return distance <= basins.reach ? index : -1
            }
            let counts = Dictionary(outcomes.map { ($0, 1) }, uniquingKeysWith: +), top = counts.values.max()!
            #expect(abs(basins.agreement[0][i] - Double(top) / 7) < 1e-12, "cell \(i)")
            let expected: Basins.Outcome = switch counts.filter({ $0.value == top }).keys.filter({ $0 >= 0 }).min() {
            case let m?: .minimum(m)
            case nil: counts[-1] == top ? .notConverged : .diverged
            }
            #expect(basins.outcomes[0][i] == expected, "cell \(i)")
        }
        #expect(basins.agreement[0].contains { $0 < 1 }, "the noise splits some starts' runs")
        #expect(basins.csv().hasPrefix("optimizer,x,y,outcome,end_x,end_y,agreement\n"))
    }
}
