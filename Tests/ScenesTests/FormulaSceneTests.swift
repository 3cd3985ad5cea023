import Foundation
import Optimizers
import Scenes
import Surfaces
import Testing

@Suite struct FormulaSceneTests {
    func parse(_ text: String) throws -> Scene { try SceneFile.parse(Data(text.utf8), name: "test") }

    @Test func aFormulaSurfaceInASceneFile() throws {
        let scene = try parse("""
            {"surface": {"formula": "x^2/20 + 5*y^2", "minima": [[0, 0]]}, "start": [-9, 1.5], "steps": 50, "panel": "distance",
             "optimizers": [{"optimizer": "adam", "learning_rate": 0.1}]}
            """)
        #expect(scene.surfaceName == "formula" && scene.title == "x^2/20 + 5*y^2")
        #expect(scene.window == Window(x: -13.5...13.5, y: -13.5...13.5))
        #expect(scene.surface.minima == [Point(0, 0)] && scene.panel == .distance)
        // Same paths as the built-in long valley, x²/20 + 5y².
        let typed = try scene.run(), builtIn = try Stepping.run(scene.runners, on: LongValley(), from: scene.start, steps: 50)
        #expect(zip(typed[0].points, builtIn[0].points).allSatisfy { abs($0.x - $1.x) < 1e-12 && abs($0.y - $1.y) < 1e-12 })
    }

    @Test func aFormulaAsASurfaceStringAndItsErrors() throws {
        let scene = try parse(#"{"surface": "sin(x) + y^2", "start": [1, 1], "steps": 5, "optimizers": [{"optimizer": "sgd"}]}"#)
        #expect(scene.surface.value(at: Point(0, 2)) == 4)
        #expect(throws: (any Error).self) {
            try parse(#"{"surface": "x^2 + (y", "start": [1, 1], "steps": 5, "optimizers": [{"optimizer": "sgd"}]}"#)
        }
        do {
            _ = try parse(#"{"surface": {"formula": "log(x)"}, "start": [-1, 1], "steps": 5, "optimizers": [{"optimizer": "sgd"}]}"#)
            Issue.record("a formula that is not finite at the start must be refused")
        } catch {
            #expect("\(error)".contains("formula: the value at the start point (-1.0, 1.0) is nan"))
        }
        #expect(throws: UnknownSurface(name: "banana")) {
            try parse(#"{"surface": "banana", "start": [1, 1], "steps": 5, "optimizers": [{"optimizer": "sgd"}]}"#)
        }
    }

    @Test func aSceneWrittenOutReadsBackTheSame() throws {
        let scene = try parse("""
            {"surface": {"formula": "x^2 + 3*y^2", "minima": [[0, 0]]}, "start": [2, -1], "steps": 40, "frames": 8, "size": [320, 240],
             "view": "3d", "panel": "loss", "title": "A bowl",
             "optimizers": [{"optimizer": "nag", "learning_rate": 0.02, "momentum": 0.8, "label": "NAG 0.8"},
                            {"optimizer": "rmsprop", "centered": true}, {"optimizer": "adagrad", "initial_accumulator_value": 0.5},
                            {"optimizer": "adadelta", "rho": 0.9}, {"optimizer": "adam", "amsgrad": true, "beta_2": 0.99}]}
            """)
        let again = try SceneFile.parse(try SceneFile.encode(scene), name: "test")
        #expect(again.runners == scene.runners && again.surfaceSource == scene.surfaceSource.withoutWindow)
        #expect(again.window == scene.window && again.start == scene.start && again.steps == scene.steps && again.frames == scene.frames)
        #expect(again.width == 320 && again.view == .perspective && again.panel == .loss && again.title == "A bowl")
    }
}

extension SurfaceSource {
    /// The encoded file keeps the window at the scene's level, not the formula's.
    var withoutWindow: SurfaceSource {
        if case let .formula(f, _, minima) = self { return .formula(f, minima: minima) }
        return self
    }
}
