import FashionMNIST

/// The training file split as the benchmarks split it: the last `validation` images are the
/// validation set, the ones before them (or the first `trainLimit` of those) train. The two
/// never overlap, and the split depends on nothing but the two numbers.
public struct ValidationSplit: Sendable {
    /// The images trials and reruns train on.
    public let train: LabeledImages
    /// The images that judge them.
    public let validation: LabeledImages

    /// Splits `images` (the 60,000 of the training file): the last `validation` of them validate,
    /// the first `trainLimit` of the rest (all of them when nil) train.
    public init(_ images: LabeledImages, validation: Int, trainLimit: Int? = nil) throws {
        guard validation > 0, validation < images.count else {
            throw TuningError("--validation-size \(validation) is out of range: 1 to \(images.count - 1) (the training file has \(images.count) images)")
        }
        let trainCount = images.count - validation
        self.train = images.slice(0..<min(trainLimit ?? trainCount, trainCount))
        self.validation = images.slice(trainCount..<images.count)
    }
}
