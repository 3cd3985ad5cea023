/// xoshiro256** (Blackman & Vigna): a small, fast generator whose whole state can be saved
/// in a checkpoint and restored, so a resumed run shuffles exactly as an unbroken one.
public struct RandomSource: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The four state words.
    public private(set) var state: [UInt64]

    /// Seeds the four state words from `seed` through SplitMix64, as the authors recommend.
    public init(seed: UInt64) {
        var x = seed
        state = (0..<4).map { _ in
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((state[1] &* 5) << 7 | (state[1] &* 5) >> 57) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = state[3] << 45 | state[3] >> 19
        return result
    }
}
