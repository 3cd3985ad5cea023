/// Why an optimizer refused its configuration or its input.
///
/// Every message fits on one line and names what to change.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A hyper-parameter lies outside the values its rule accepts.
    case invalidHyperparameter(name: String, value: Double, allowed: String)
    /// The rule has no hyper-parameter by this key.
    case unknownHyperparameter(String, optimizer: String)
    /// A learning-rate schedule's arguments make no schedule.
    case invalidSchedule(String)
    /// A Keras configuration Descent cannot read or honour.
    case unsupportedConfiguration(String)
    /// The parameter and gradient buffers handed to one update differ in length.
    case lengthMismatch(parameters: Int, gradients: Int)
    /// No optimizer has this name.
    case unknownName(String)
    /// A learning rate in a `name=rate` list is not a number.
    case malformedLearningRate(String, optimizer: String)
    /// A saved state does not fit this optimizer (other rule or parameter count).
    case stateMismatch(String)

    public var description: String {
        switch self {
        case let .invalidHyperparameter(name, value, allowed):
            return "invalid \(name) \(value): must be \(allowed)"
        case let .unknownHyperparameter(key, optimizer):
            let known = (OptimizerRule.entry(named: optimizer)?.hyperparameters.map(\.key) ?? []).joined(separator: ", ")
            return "optimizer \(optimizer) has no hyper-parameter '\(key)'" + (known.isEmpty ? "" : " (it has \(known))")
        case let .invalidSchedule(reason), let .unsupportedConfiguration(reason):
            return reason
        case let .lengthMismatch(parameters, gradients):
            return "parameters (\(parameters) values) and gradients (\(gradients) values) must have the same length"
        case let .unknownName(name):
            let known = OptimizerKind.allCases.map(\.name).joined(separator: ", ")
            return "unknown optimizer '\(name)': choose one of \(known)"
        case let .malformedLearningRate(text, optimizer):
            return "learning rate '\(text)' of \(optimizer) is not a number"
        case let .stateMismatch(reason):
            return "optimizer state does not fit: \(reason)"
        }
    }
}
