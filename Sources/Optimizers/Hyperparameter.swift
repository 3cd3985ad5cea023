/// One hyper-parameter of an update rule, described as Keras names it: its key, its default,
/// the values it accepts and how a slider should span it.
///
/// Validation, scene files, `--list` and the explorer's catalog all read these descriptions,
/// so a rule states each of its numbers once.
public struct Hyperparameter: Sendable, Equatable {
    /// What the value is: a real number, a switch, or a whole number.
    public enum Kind: String, Sendable { case real, flag, integer }
    /// How a slider moves over the value.
    public enum Scale: String, Sendable { case linear, log }

    /// Keras's argument name: `beta_1`.
    public let key: String
    /// Whether the value is real, a switch or whole.
    public let kind: Kind
    /// Keras's default (a flag's is 0 or 1).
    public let defaultValue: Double
    /// The accepted values: `minimum` ... `maximum`, each end included or not.
    public let minimum: Double, maximum: Double
    /// Whether `minimum` and `maximum` themselves are accepted.
    public let minimumIncluded: Bool, maximumIncluded: Bool
    /// The span a slider offers (inside the accepted values) and its scale.
    public let slider: ClosedRange<Double>
    /// How the slider moves: linearly or on a log scale.
    public let scale: Scale

    /// A real number at least `from` (or more than `above`) and at most `to` (or less than
    /// `below`); unbounded where not given.
    public static func real(_ key: String, _ defaultValue: Double, from: Double? = nil, above: Double? = nil,
                            to: Double? = nil, below: Double? = nil,
                            slider: ClosedRange<Double>, scale: Scale = .linear) -> Hyperparameter {
        Hyperparameter(key: key, kind: .real, defaultValue: defaultValue, minimum: from ?? above ?? -.infinity,
                       maximum: to ?? below ?? .infinity, minimumIncluded: above == nil, maximumIncluded: below == nil,
                       slider: slider, scale: scale)
    }

    /// A decay rate or momentum in [0, 1).
    public static func decay(_ key: String, _ defaultValue: Double) -> Hyperparameter {
        real(key, defaultValue, from: 0, below: 1, slider: 0...0.9999)
    }

    /// An epsilon: >= 0, on a log slider.
    public static func epsilon(_ defaultValue: Double, key: String = "epsilon") -> Hyperparameter {
        real(key, defaultValue, from: 0, slider: 1e-10...1, scale: .log)
    }

    /// A switch.
    public static func flag(_ key: String, _ defaultValue: Bool) -> Hyperparameter {
        Hyperparameter(key: key, kind: .flag, defaultValue: defaultValue ? 1 : 0, minimum: 0, maximum: 1,
                       minimumIncluded: true, maximumIncluded: true, slider: 0...1, scale: .linear)
    }

    /// A whole number in `minimum...maximum`; a slider over all of it unless `slider` is given.
    public static func integer(_ key: String, _ defaultValue: Int, from minimum: Int, to maximum: Int,
                               slider: ClosedRange<Int>? = nil) -> Hyperparameter {
        let span = slider ?? minimum...maximum
        return Hyperparameter(key: key, kind: .integer, defaultValue: Double(defaultValue), minimum: Double(minimum),
                              maximum: Double(maximum), minimumIncluded: true, maximumIncluded: true,
                              slider: Double(span.lowerBound)...Double(span.upperBound), scale: .linear)
    }

    /// The description with this key in `list`, or nil.
    public static func named(_ key: String, in list: [Hyperparameter]) -> Hyperparameter? { list.first { $0.key == key } }

    /// The accepted values in words: `in [0, 1)`, `>= 0`, `true or false`.
    public var allowed: String {
        switch kind {
        case .flag: return "true or false"
        case .integer: return "a whole number in [\(Self.text(minimum)), \(Self.text(maximum))]"
        case .real:
            switch (minimum.isFinite, maximum.isFinite) {
            case (true, true):
                return "in \(minimumIncluded ? "[" : "(")\(Self.text(minimum)), \(Self.text(maximum))\(maximumIncluded ? "]" : ")")"
            case (true, false): return "finite and \(minimumIncluded ? ">=" : ">") \(Self.text(minimum))"
            case (false, true): return "finite and \(maximumIncluded ? "<=" : "<") \(Self.text(maximum))"
            case (false, false): return "finite"
            }
        }
    }

    /// Whether `value` is accepted.
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if kind != .real, value != value.rounded() { return false }
        let aboveMinimum = minimumIncluded ? value >= minimum : value > minimum
        let belowMaximum = maximumIncluded ? value <= maximum : value < maximum
        return aboveMinimum && belowMaximum
    }

    /// Throws ``OptimizerError/invalidHyperparameter(name:value:allowed:)`` unless `value` is accepted.
    public func check(_ value: Double) throws {
        guard accepts(value) else { throw OptimizerError.invalidHyperparameter(name: key, value: value, allowed: allowed) }
    }

    /// `1e-07`, `0.9`, `2`: short and exact.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

/// A rule's hyper-parameter values by Keras key, every key of its description present.
public typealias HyperparameterValues = [String: Double]
