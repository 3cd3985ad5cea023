import Foundation
import Optimizers

/// `--space`: ranges of hyper-parameters, besides the learning rate, that quasirandom trials
/// draw from: `{"beta_1": [0.8, 0.99], "weight_decay": [1e-5, 1e-1, "log"]}`.
public struct SearchSpace: Codable, Equatable, Sendable {
    /// One key's range.
    public struct Dimension: Codable, Equatable, Sendable {
        /// Keras's name of the hyper-parameter.
        public let key: String
        /// The range's ends.
        public let low: Double, high: Double
        /// Whether points are spread evenly in log10 (else linearly).
        public let logarithmic: Bool
        /// Whether values are rounded to whole numbers (an integer hyper-parameter).
        public let whole: Bool

        /// `u` in [0, 1) mapped into the range.
        func value(at u: Double) -> Double {
            let v = logarithmic ? pow(10, log10(low) + u * (log10(high) - log10(low))) : low + u * (high - low)
            return whole ? v.rounded() : LearningRateGrid.rounded(v)
        }
    }

    /// The ranges, in key order.
    public let dimensions: [Dimension]

    init(dimensions: [Dimension]) { self.dimensions = dimensions }

    /// The keys an optimizer's trials can vary besides the learning rate: its rule's numbers
    /// (not its switches) and the base optimizer's `weight_decay`.
    public static func keys(of kind: OptimizerKind) -> [String: Hyperparameter.Kind] {
        var keys = ["weight_decay": Hyperparameter.Kind.real]
        for parameter in kind.defaultRule.entry.hyperparameters where parameter.kind != .flag { keys[parameter.key] = parameter.kind }
        return keys
    }

    /// Reads the JSON object `data` (from `file`, named in errors); every key must be one that
    /// some optimizer has, and one of `optimizers` must have it.
    public init(json data: Data, file: String, optimizers: [OptimizerKind]) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw TuningError("--space \(file) is not a JSON object of ranges such as {\"beta_1\": [0.8, 0.99]}")
        }
        let known = OptimizerKind.allCases.reduce(into: [String: Hyperparameter.Kind]()) { $0.merge(Self.keys(of: $1)) { a, _ in a } }
        dimensions = try object.keys.sorted().map { key in
            guard let kind = known[key] else {
                throw TuningError("--space \(file): unknown key '\(key)': keys are \(known.keys.sorted().joined(separator: ", "))")
            }
            guard optimizers.contains(where: { Self.keys(of: $0)[key] != nil }) else {
                throw TuningError("--space \(file): no optimizer of --optimizers has the key '\(key)'")
            }
            let range = object[key] as? [Any] ?? []
            let numbers = range.prefix(2).compactMap { ($0 as? NSNumber).map(\.doubleValue) }
            let scale = range.count == 3 ? range[2] as? String : "linear"
            guard range.count == 2 || range.count == 3, numbers.count == 2, numbers[0] < numbers[1], scale == "linear" || scale == "log",
                  numbers.allSatisfy(\.isFinite), scale != "log" || numbers[0] > 0 else {
                throw TuningError("--space \(file): '\(key)' must be [LOW, HIGH] or [LOW, HIGH, \"log\"] with LOW < HIGH (and LOW > 0 on a log scale)")
            }
            return Dimension(key: key, low: numbers[0], high: numbers[1], logarithmic: scale == "log", whole: kind == .integer)
        }
    }

    /// `count` quasirandom points (Halton, bases 2, 3, 5, …, skipping the sequence's first
    /// point at the origin): the learning rate spread in log10 over `rates`, then one value per
    /// dimension. The same points for every optimizer; each uses the keys it has.
    public func points(_ count: Int, rates: ClosedRange<Double>) -> [(learningRate: Double, values: [String: Double])] {
        let bases = Self.primes(dimensions.count + 1)
        return (1...count).map { index in
            let u = bases.map { Self.radicalInverse(index, base: $0) }
            let rate = LearningRateGrid.rounded(pow(10, log10(rates.lowerBound) + u[0] * (log10(rates.upperBound) - log10(rates.lowerBound))))
            return (rate, Dictionary(uniqueKeysWithValues: zip(dimensions, u.dropFirst()).map { ($0.key, $0.value(at: $1)) }))
        }
    }

    /// The van der Corput radical inverse of `index` in `base`: its digits mirrored after the point.
    static func radicalInverse(_ index: Int, base: Int) -> Double {
        var (n, inverse, scale) = (index, 0.0, 1.0 / Double(base))
        while n > 0 {
            inverse += Double(n % base) * scale
            n /= base
            scale /= Double(base)
        }
        return inverse
    }

    /// The first `count` primes.
    static func primes(_ count: Int) -> [Int] {
        var primes: [Int] = [], candidate = 2
        while primes.count < count {
            if !primes.contains(where: { candidate % $0 == 0 }) { primes.append(candidate) }
            candidate += 1
        }
        return primes
    }
}
