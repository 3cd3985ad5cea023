/// One hyper-parameter of rule `R`, declared once: its Keras key, its range and slider, and the
/// stored property that holds it. The default is that property's value in `R()` (the rule at
/// Keras's defaults), so no number is written twice.
///
/// ```swift
/// public var beta1 = 0.9
/// public static let parameters: [RuleParameter<Adam>] = [.decay("beta_1", \.beta1), ...]
/// ```
/// From these declarations follow ``UpdateRule/hyperparameters`` (what validation, scene files,
/// `--list` and the explorer read), ``UpdateRule/values`` and ``UpdateRule/init(values:)``.
public struct RuleParameter<R: UpdateRule>: @unchecked Sendable {
    // @unchecked: a key path literal without captured values is immutable, safe to share.
    /// Where the value lives: a real number, a switch or a whole number.
    enum Storage {
        case real(WritableKeyPath<R, Double>)
        case flag(WritableKeyPath<R, Bool>)
        case integer(WritableKeyPath<R, Int>)
    }

    /// The key, its default (read from `R()`), its range and its slider.
    public let description: Hyperparameter
    let storage: Storage

    /// The value in `rule`, as a number (a switch is 0 or 1).
    public func value(in rule: R) -> Double {
        switch storage {
        case let .real(path): rule[keyPath: path]
        case let .flag(path): rule[keyPath: path] ? 1 : 0
        case let .integer(path): Double(rule[keyPath: path])
        }
    }

    /// Sets the value in `rule` (already checked against the range).
    public func set(_ value: Double, in rule: inout R) {
        switch storage {
        case let .real(path): rule[keyPath: path] = value
        case let .flag(path): rule[keyPath: path] = value != 0
        case let .integer(path): rule[keyPath: path] = Int(value)
        }
    }

    /// The same parameter of a rule `Outer` that keeps an `R` at `path` (AdamW keeps an Adam).
    public func lifted<Outer: UpdateRule>(_ path: WritableKeyPath<Outer, R>) -> RuleParameter<Outer> {
        switch storage {
        case let .real(inner): RuleParameter<Outer>(description: description, storage: .real(path.appending(path: inner)))
        case let .flag(inner): RuleParameter<Outer>(description: description, storage: .flag(path.appending(path: inner)))
        case let .integer(inner): RuleParameter<Outer>(description: description, storage: .integer(path.appending(path: inner)))
        }
    }
}

extension RuleParameter {
    /// A real number at least `from` (or more than `above`) and at most `to` (or less than
    /// `below`); unbounded where not given.
    public static func real(_ key: String, _ path: WritableKeyPath<R, Double>, from: Double? = nil, above: Double? = nil,
                            to: Double? = nil, below: Double? = nil,
                            slider: ClosedRange<Double>, scale: Hyperparameter.Scale = .linear) -> Self {
        Self(description: .real(key, R()[keyPath: path], from: from, above: above, to: to, below: below, slider: slider, scale: scale),
             storage: .real(path))
    }

    /// A decay rate or momentum in [0, 1).
    public static func decay(_ key: String, _ path: WritableKeyPath<R, Double>) -> Self {
        Self(description: .decay(key, R()[keyPath: path]), storage: .real(path))
    }

    /// An epsilon: >= 0, on a log slider.
    public static func epsilon(_ path: WritableKeyPath<R, Double>, key: String = "epsilon") -> Self {
        Self(description: .epsilon(R()[keyPath: path], key: key), storage: .real(path))
    }

    /// A switch.
    public static func flag(_ key: String, _ path: WritableKeyPath<R, Bool>) -> Self {
        Self(description: .flag(key, R()[keyPath: path]), storage: .flag(path))
    }

    /// A whole number in `minimum...maximum`.
    public static func integer(_ key: String, _ path: WritableKeyPath<R, Int>, from minimum: Int, to maximum: Int) -> Self {
        Self(description: .integer(key, R()[keyPath: path], from: minimum, to: maximum), storage: .integer(path))
    }
}
