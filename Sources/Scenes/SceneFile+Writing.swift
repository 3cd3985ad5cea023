import Foundation
import Optimizers
import Surfaces

extension SceneFile {
    /// `scene` in the scene-file format, every hyper-parameter written out, so that loading
    /// the file gives the same scene back.
    public static func encode(_ scene: Scene) throws -> Data {
        let window: [String: Any] = ["x": [scene.window.x.lowerBound, scene.window.x.upperBound],
                                     "y": [scene.window.y.lowerBound, scene.window.y.upperBound]]
        let surface: Any = switch scene.surfaceSource {
        case let .builtIn(name): name
        case let .formula(formula, _, minima): ["formula": formula, "minima": minima.map { [$0.x, $0.y] }] as [String: Any]
        }
        let object: [String: Any] = [
            "title": scene.title, "surface": surface, "window": window, "start": [scene.start.x, scene.start.y],
            "steps": scene.steps, "frames": scene.frames, "size": [scene.width, scene.height],
            "view": scene.view.rawValue, "panel": scene.panel.rawValue,
            "optimizers": scene.runners.map(fields),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// A runner as its scene-file object, by Keras's names.
    public static func fields(_ runner: Runner) -> [String: Any] {
        var object: [String: Any] = ["optimizer": runner.name, "label": runner.label, "learning_rate": runner.rule.learningRate]
        switch runner.rule {
        case let .sgd(r):
            object["momentum"] = r.momentum
            object["nesterov"] = r.nesterov
        case let .adagrad(r):
            object["initial_accumulator_value"] = r.initialAccumulatorValue
            object["epsilon"] = r.epsilon
        case let .adadelta(r):
            object["rho"] = r.rho
            object["epsilon"] = r.epsilon
        case let .rmsprop(r):
            object["rho"] = r.rho
            object["momentum"] = r.momentum
            object["epsilon"] = r.epsilon
            object["centered"] = r.centered
        case let .adam(r):
            object["beta_1"] = r.beta1
            object["beta_2"] = r.beta2
            object["epsilon"] = r.epsilon
            object["amsgrad"] = r.amsgrad
        }
        return object
    }
}
