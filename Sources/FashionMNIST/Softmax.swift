import Foundation

/// Softmax with categorical cross-entropy, computed stably from logits.
enum Softmax {
    /// Replaces each row of logits by its softmax probabilities and returns the summed
    /// cross-entropy `logsumexp(z) - z[label]` and the number of rows whose top logit is the label.
    ///
    /// The maximum is subtracted before exponentiating and the loss is taken from the logits,
    /// not from `log(p)`, so logits of ±1000 give exact, finite losses instead of NaN or `-log 0`.
    static func crossEntropy(_ z: UnsafeMutableBufferPointer<Float>, labels: UnsafeBufferPointer<UInt8>,
                             rows: Int, classes: Int) -> (lossSum: Double, correct: Int) {
        var loss = 0.0, correct = 0
        for r in 0..<rows {
            let row = z.baseAddress! + r * classes
            let label = Int(labels[r])
            var best = 0
            for j in 1..<classes where row[j] > row[best] { best = j }
            if best == label { correct += 1 }
            let top = row[best]
            let labelShifted = row[label] - top
            var sum: Float = 0
            for j in 0..<classes {
                row[j] = exp(row[j] - top)
                sum += row[j]
            }
            loss += Double(log(sum)) - Double(labelShifted)
            for j in 0..<classes { row[j] /= sum }
        }
        return (loss, correct)
    }
}
