/// The steps Keras's base optimizer takes around the rule: clipping, weight decay, the moving average.
extension Optimizer {
    /// The gradients clipped as configured: the input itself when there is nothing to clip, else
    /// a copy (`clipnorm` per variable, `global_clipnorm` over all, `clipvalue` per component).
    @inlinable
    func clip(_ gradients: UnsafeBufferPointer<Scalar>) -> UnsafeBufferPointer<Scalar> {
        guard let clipping = configuration.clipping, let out = clipped else { return gradients }
        _ = out.initialize(from: gradients)
        switch clipping {
        case let .value(c):
            let c = Scalar(c)
            for i in 0..<out.count { out[i] = min(max(out[i], -c), c) }
        case let .norm(c):
            // Keras's _clip_by_norm: g * c / max(|g|, c), and a zero gradient stays zero.
            for variable in variables {
                let part = UnsafeMutableBufferPointer(rebasing: out[variable.range])
                let norm = Self.squareSum(UnsafeBufferPointer(part)).squareRoot()
                guard norm > 0 else { continue }
                let scale = Scalar(c), divisor = Scalar(max(norm, c))
                for i in 0..<part.count { part[i] = part[i] * scale / divisor }
            }
        case let .globalNorm(c):
            // Keras's clip_by_global_norm: scale = c * min(1/|g|, 1/c); a non-finite norm gives NaN.
            let norm = Self.squareSum(UnsafeBufferPointer(out)).squareRoot()
            let scale = Scalar(c * min(1 / norm, 1 / c) + (norm - norm))
            for i in 0..<out.count { out[i] *= scale }
        }
        return UnsafeBufferPointer(out)
    }

    /// Decoupled weight decay by `rate` (a variable's, from ``decayRates``) at this step's learning rate.
    @inlinable
    func decay(_ theta: UnsafeMutableBufferPointer<Scalar>, rate: Double?) {
        if let rate { Self.decay(theta, by: rate * learningRate) }
    }

    /// `theta -= theta * wd * lr`, with `amount = wd * lr`.
    @inlinable
    static func decay(_ theta: UnsafeMutableBufferPointer<Scalar>, by amount: Double) {
        let amount = Scalar(amount)
        for i in 0..<theta.count { theta[i] -= theta[i] * amount }
    }

    /// After the rule: `average = m*average + (1-m)*theta` (a copy at the first step), and every
    /// `overwriteFrequency` steps `theta = average`.
    @inlinable
    func updateAverage(_ range: Range<Int>, parameters: UnsafeMutableBufferPointer<Scalar>) {
        guard let settings = configuration.movingAverage, let average else { return }
        let m = Scalar(step == 1 ? 0 : settings.momentum)
        for i in range { average[i] = m * average[i] + (1 - m) * parameters[i] }
        if let frequency = settings.overwriteFrequency, step % frequency == 0 {
            for i in range { parameters[i] = average[i] }
        }
    }

    /// At the first step, the slots that start as the parameters take their values over `range`.
    @inlinable
    func copyParameters(_ range: Range<Int>, parameters: UnsafeMutableBufferPointer<Scalar>) {
        for k in slotsFromParameters {
            for i in range { slots[k][i] = parameters[i] }
        }
    }

    /// Variable `v`'s part of slot `k`.
    @inlinable
    func variableSlot(_ k: Int, of v: Int) -> UnsafeMutableBufferPointer<Scalar> {
        let start = slotOffsets[v][k]
        let end = v + 1 < slotOffsets.count ? slotOffsets[v + 1][k] : slots[k].count
        return UnsafeMutableBufferPointer(rebasing: slots[k][start..<end])
    }

    /// The sum of squares, in Double.
    @inlinable
    static func squareSum(_ values: UnsafeBufferPointer<Scalar>) -> Double {
        var sum = 0.0
        for value in values { sum += Double(value) * Double(value) }
        return sum
    }
}
