import Foundation
import Optimizers
import Scenes
import Surfaces
import Testing

@Suite struct SceneFileTests {
    let valid = """
        {"surface": "beale", "start": [1, 1.5], "steps": 20, "frames": 5, "size": [320, 240], "view": "3d",
         "window": {"x": [-1, 4], "y": [-1, 2]},
         "optimizers": [{"optimizer": "sgd", "learning_rate": 0.001},
                        {"optimizer": "adam", "learning_rate": 0.05, "beta_1": 0.8, "amsgrad": true, "label": "AMSGrad"}]}
        """

    func parse(_ text: String) throws -> Scene { try SceneFile.parse(Data(text.utf8), name: "test") }

    @Test func readsEveryField() throws {
        let scene = try parse(valid)
        #expect(scene.surfaceName == "beale" && scene.title == "Beale")
        #expect(scene.start == Point(1, 1.5) && scene.steps == 20 && scene.frames == 5)
        #expect(scene.width == 320 && scene.height == 240 && scene.view == .perspective)
        #expect(scene.window == Window(x: -1...4, y: -1...2))
        #expect(scene.runners[0].configuration == OptimizerConfiguration(OptimizerRule(SGD()), learningRate: 0.001))
        #expect(scene.runners[1].configuration == OptimizerConfiguration(OptimizerRule(Adam().with(\.beta1, 0.8).with(\.amsgrad, true)), learningRate: 0.05))
        #expect(scene.runners[1].label == "AMSGrad")
    }

    @Test func framesSpreadOverTheSteps() throws {
        let scene = try parse(valid)
        #expect((0..<5).map(scene.step(atFrame:)) == [0, 5, 10, 15, 20])
    }

    /// Replaces `old` in the valid scene and expects an error containing `message`.
    func expectError(_ old: String, _ new: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = valid.replacingOccurrences(of: old, with: new)
        #expect(text != valid, "the replacement must change the scene", sourceLocation: sourceLocation)
        do {
            _ = try parse(text)
            Issue.record("accepted: \(new)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(message), "\(error)", sourceLocation: sourceLocation)
            #expect(!"\(error)".contains("\n"), sourceLocation: sourceLocation)
        }
    }

    @Test func badInputIsNamed() {
        expectError("{\"surface\"", "{{\"surface\"", "not valid JSON")
        expectError("\"steps\": 20", "\"stpes\": 20", "unknown field 'stpes' in scene")
        expectError("\"label\": \"AMSGrad\"", "\"lable\": \"AMSGrad\"", "optimizers[1]: optimizer adam has no key 'lable'")
        expectError("\"surface\": \"beale\"", "\"surface\": \"banana\"", "unknown surface 'banana'")
        expectError("\"optimizer\": \"sgd\"", "\"optimizer\": \"adamx\"", "unknown optimizer 'adamx'")
        expectError("\"learning_rate\": 0.001", "\"learning_rate\": -0.001", "invalid learning_rate -0.001: must be finite and >= 0")
        expectError("\"beta_1\": 0.8", "\"beta_1\": 1.2", "optimizers[1]: invalid beta_1 1.2: must be in [0, 1)")
        expectError("{\"optimizer\": \"sgd\", \"learning_rate\": 0.001}", "{\"optimizer\": \"sgd\", \"rho\": 0.9}",
                    "optimizer sgd has no key 'rho'")
        expectError("\"learning_rate\": 0.001", "\"learning_rate\": {\"class_name\": \"CosineDecay\", \"config\": {}}",
                    "schedule CosineDecay needs initial_learning_rate")
        expectError("\"learning_rate\": 0.001", "\"clipnorm\": -1", "invalid clipnorm -1.0: must be finite and > 0")
        expectError("\"steps\": 20", "\"steps\": 0", "steps must be > 0, got 0")
        expectError("\"frames\": 5", "\"frames\": -1", "frames must be > 0, got -1")
        expectError("\"size\": [320, 240]", "\"size\": [32, 240]", "image size 32x240 is out of range")
        expectError("\"size\": [320, 240]", "\"size\": [320, 9000]", "image size 320x9000 is out of range")
        expectError("\"view\": \"3d\"", "\"view\": \"4d\"", "view '4d' must be 2d or 3d")
        expectError("\"start\": [1, 1.5]", "\"start\": [1]", "start must be a list of two numbers")
        expectError("\"start\": [1, 1.5]", "\"start\": [1, true]", "start must be a number")
        expectError("\"amsgrad\": true", "\"amsgrad\": 1", "amsgrad of optimizer adam must be true or false")
        expectError("\"x\": [-1, 4]", "\"x\": [4, -1]", "window ranges must be [low, high] with low < high")
        expectError("\"label\": \"AMSGrad\"", "\"label\": \"SGD\"", "two optimizers are labelled 'SGD'")
    }

    @Test func nonFiniteStartIsRejected() {
        #expect(throws: SceneError("start point (nan, 0.0) must be finite")) {
            try Scene(name: "x", surface: "beale", start: Point(.nan, 0), steps: 10, runners: [Runner(.sgd)])
        }
    }

    @Test func everyExampleSceneLoads() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/scenes")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files).isSuperset(of: ["beale.json", "long-valley.json", "saddle.json", "rosenbrock.json", "himmelblau.json",
                                           "modern-rules.json"]))
        for file in files {
            let scene = try SceneFile.load(directory.appendingPathComponent(file))
            // The classic scenes race the classic seven; the modern one every modern rule but Muon (AdamW on a point).
            let expected = switch file {
            case "modern-rules.json": ["adam", "adamw", "adamax", "nadam", "lion", "lamb", "adafactor", "ftrl", "schedule_free_adamw"]
            case "internals.json": ["momentum", "adam"]
            default: OptimizerKind.classics.map(\.name)
            }
            #expect(scene.runners.map(\.name) == expected, "\(file)")
        }
        // The modern scene's AdamW reads Keras's serialised schedule.
        let modern = try SceneFile.load(directory.appendingPathComponent("modern-rules.json"))
        #expect(modern.runners[1].configuration.learningRate == .schedule(.cosineDecay(initialLearningRate: 0, decaySteps: 250, alpha: 0.01,
                                                                                          warmupTarget: 0.6, warmupSteps: 50)))
    }
}

@Suite struct TrajectoryCSVTests {
    @Test func roundTripsTheSteppingResultsExactly() throws {
        let runners = [Runner(.adam, learningRate: 0.05), Runner(.nag, learningRate: 0.001)]
        let paths = try Stepping.run(runners, on: Beale(), from: Point(1, 1.5), steps: 50)
        let rows = try TrajectoryCSV.read(TrajectoryCSV.write(paths))
        #expect(rows.count == 2 * 51)
        for path in paths {
            let mine = rows.filter { $0.optimizer == path.runner.label }
            #expect(mine.map(\.step) == Array(0...50))
            #expect(mine.map(\.point) == path.points)
            #expect(mine.map(\.loss) == path.losses)
        }
    }
}

@Suite struct ClassicBehaviourTests {
    func scene(_ name: String) throws -> [Trajectory] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/scenes/\(name).json")
        return try SceneFile.load(url).run()
    }

    @Test func momentumOvershootsInTheLongValley() throws {
        let paths = try scene("long-valley")
        let byLabel = Dictionary(uniqueKeysWithValues: paths.map { ($0.runner.label, $0) })
        // The minimum is at x = 0: momentum runs past it, plain SGD is still far behind.
        #expect(byLabel["Momentum"]!.points.contains { $0.x > 0.1 })
        #expect(byLabel["NAG"]!.points.contains { $0.x > 0.1 })
        #expect(byLabel["SGD"]!.points.allSatisfy { $0.x < 0 })
        #expect(byLabel["SGD"]!.points.last!.x < -1)
        #expect(byLabel["Adam"]!.losses.last! < 1e-3)
    }

    @Test func sgdLingersLongestAtTheSaddle() throws {
        let paths = try scene("saddle")
        // Steps each optimizer needs to get 0.5 away from the ridge y = 0.
        let escape = paths.map { path in path.points.firstIndex { abs($0.y) > 0.5 } ?? Int.max }
        let sgd = escape[paths.firstIndex { $0.runner.label == "SGD" }!]
        #expect(escape.allSatisfy { $0 <= sgd })
        #expect(escape.filter { $0 == sgd }.count == 1)
    }
}
