/// Why an optimizer refused its configuration or its input.
///
/// Every message fits on one line and names what to change.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A hyper-parameter lies outside the values its rule accepts.
    case invalidHyperparameter(name: String, value: Double, allowed: String)
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

/// Checks shared by the rules' `validate()`.
enum Check {
    static func nonNegative(_ name: String, _ value: Double) throws {
        guard value.isFinite, value >= 0 else {
            throw OptimizerError.invalidHyperparameter(name: name, value: value, allowed: "finite and >= 0")
        }
    }

    /// Decay rates (rho, beta, momentum) live in [0, 1).
    static func decay(_ name: String, _ value: Double) throws {
        guard value >= 0, value < 1 else {
            throw OptimizerError.invalidHyperparameter(name: name, value: value, allowed: "in [0, 1)")
        }
    }
}
