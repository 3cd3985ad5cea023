/// The few statistics the comparisons print: over seeds, epochs or timed repetitions.
public enum Statistics {
    /// The middle value (the mean of the two middle values for an even count); NaN for none.
    public static func median<C: Collection>(_ values: C) -> Double where C.Element == Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Mean and sample standard deviation (0 for one value); NaN for none.
    public static func meanAndDeviation(_ values: [Double]) -> (mean: Double, standardDeviation: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot())
    }
}
