import Foundation
import Optimizers

/// `--optimizers-file`: a JSON list of optimizers, each `{"optimizer": "adamw", "learning_rate":
/// {"class_name": "CosineDecay", ...}, "clipnorm": 1}` or what `keras.optimizers.serialize` prints.
enum OptimizersFile {
    static func read(_ path: String) throws -> [(kind: OptimizerKind, configuration: OptimizerConfiguration)] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("cannot read --optimizers-file \(path): \(error.localizedDescription)")
        }
        guard let list = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            throw UsageError("\(path) is not a JSON list of optimizers")
        }
        return try list.enumerated().map { index, item in
            guard let object = item as? [String: Any] else { throw UsageError("\(path): entry \(index + 1) is not an object") }
            do {
                return try OptimizerConfiguration.keras(object)
            } catch {
                throw UsageError("\(path): entry \(index + 1): \(error)")
            }
        }
    }
}
