import Foundation

/// Reproducible random numbers keyed by (seed, index): SplitMix64 started at a state mixed from
/// both, so the k-th draw never depends on how many draws came before — the same on every
/// machine and for every caller.
public struct SeededStream {
    private var state: UInt64

    /// A generator for draw `index` of the stream `seed`.
    public init(seed: UInt64, index: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 ^ index }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Two independent standard normal draws (Box–Muller on two 53-bit uniforms).
    public mutating func normalPair() -> (Double, Double) {
        let u = Double((next() >> 11) + 1) / 9_007_199_254_740_992, v = Double(next() >> 11) / 9_007_199_254_740_992
        let radius = (-2 * log(u)).squareRoot()
        return (radius * cos(2 * .pi * v), radius * sin(2 * .pi * v))
    }

    /// A uniform whole number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
