import Foundation

/// `FROM:TO:PER_DECADE`: learning rates spaced evenly in log10 from `from` to `to`, `perDecade`
/// of them to each factor of ten (`1e-5:1:3` is 16 rates, 1e-5, 2.15e-5, 4.64e-5, 1e-4, …, 1).
public struct LearningRateGrid: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The smallest and largest rate.
    public let from: Double, to: Double
    /// Rates per factor of ten.
    public let perDecade: Int

    /// The grid from `from` to `to` with `perDecade` rates a decade.
    public init(from: Double, to: Double, perDecade: Int) throws {
        guard from > 0, to > from, from.isFinite, to.isFinite else {
            throw TuningError("--rates \(Self.text(from)):\(Self.text(to)):\(perDecade) is out of range: need 0 < FROM < TO")
        }
        guard (1...100).contains(perDecade) else { throw TuningError("--rates: PER_DECADE must be 1 to 100, got \(perDecade)") }
        (self.from, self.to, self.perDecade) = (from, to, perDecade)
        guard rates.count <= 1000 else { throw TuningError("--rates \(description) makes \(rates.count) rates: at most 1000") }
    }

    /// Reads `FROM:TO:PER_DECADE`.
    public init(_ text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let from = Double(parts[0]), let to = Double(parts[1]), let per = Int(parts[2]) else {
            throw TuningError("--rates '\(text)' is not FROM:TO:PER_DECADE (e.g. 1e-5:1:3)")
        }
        try self.init(from: from, to: to, perDecade: per)
    }

    /// The rates, smallest first; each is `10^(log10(from) + k / perDecade)`, rounded to 12
    /// significant digits so that a decade's rates are the round numbers they name (0.001, not
    /// 0.0009999999999999998), up to `to` (within a millionth of a step).
    public var rates: [Double] {
        let start = log10(from), span = log10(to) - start
        let count = Int((span * Double(perDecade) + 1e-6).rounded(.down)) + 1
        return (0..<count).map { Self.rounded(pow(10, start + Double($0) / Double(perDecade))) }
    }

    /// `value` to 12 significant digits.
    static func rounded(_ value: Double) -> Double { Double(String(format: "%.12g", value))! }

    public var description: String { "\(Self.text(from)):\(Self.text(to)):\(perDecade)" }

    /// A rate as `%g` writes it.
    static func text(_ value: Double) -> String { String(format: "%g", value) }
}
