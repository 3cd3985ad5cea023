/// A surface whose loss is a mean over a data set: its gradient can also be taken over a
/// minibatch of the samples, which makes real minibatch noise — its size and shape change with
/// the position, unlike noise added to an exact gradient.
public protocol SampledSurface: Surface {
    /// The number of samples the loss averages over.
    var sampleCount: Int { get }
    /// The gradient of the mean loss over `samples` (indices into the data set) alone.
    func gradient(at p: Point, samples: [Int]) -> Point
}

extension SampledSurface {
    /// The indices of step `step`'s minibatch of `size` samples, drawn without replacement from
    /// `seed` and the step alone (the same batch for every optimizer).
    public func batch(size: Int, seed: UInt64, step: Int) -> [Int] {
        var stream = SeededStream(seed: seed, index: UInt64(step)), indices = Array(0..<sampleCount)
        // The first `size` places of a Fisher–Yates shuffle.
        for i in 0..<min(size, sampleCount) { indices.swapAt(i, i + stream.below(sampleCount - i)) }
        return Array(indices.prefix(size))
    }
}
