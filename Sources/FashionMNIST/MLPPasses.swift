/// The passes of ``MLP`` over a share of the work: rows of the batch, or rows of a weight matrix.
extension MLP {
    /// Forward pass of the batch rows `rows` from layer `start` on (whose inputs are in
    /// `activations[start]`): leaves every later layer's outputs in ``activations``.
    func forward(rows: Range<Int>, from start: Int = 0) {
        let parameters = parameters.baseAddress!, last = layers.count - 1, count = rows.count
        for (l, layer) in layers.enumerated() where l >= start {
            let a = activations[l].baseAddress! + rows.lowerBound * layer.inputs
            let z = activations[l + 1].baseAddress! + rows.lowerBound * layer.outputs
            // Z = b (each row) + A W: with beta = 1 the product adds onto the biases instead of
            // first clearing Z in a pass of its own.
            for r in 0..<count { (z + r * layer.outputs).update(from: parameters + layer.biases, count: layer.outputs) }
            library.multiply(m: count, n: layer.outputs, k: layer.inputs, a, lda: layer.inputs,
                             parameters + layer.weights, ldb: layer.outputs, beta: 1, z, ldc: layer.outputs)
            if l < last {
                // ReLU that keeps a NaN, as Keras's does: `max(0, nan)` would hide a diverged network.
                for i in 0..<count * layer.outputs { z[i] = z[i] < 0 ? 0 : z[i] }
            }
        }
    }

    /// Forward pass and scoring of the batch rows `rows`: their summed cross-entropy and
    /// correct predictions. Leaves the softmax probabilities in the output rows.
    func score(rows: Range<Int>, labels: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> (lossSum: Double, correct: Int) {
        forward(rows: rows, from: start)
        let classes = sizes.last!
        let output = UnsafeMutableBufferPointer(rebasing: activations[layers.count][rows.lowerBound * classes..<rows.upperBound * classes])
        return Softmax.crossEntropy(output, labels: UnsafeBufferPointer(rebasing: labels[rows]), rows: rows.count, classes: classes)
    }

    /// After ``score(rows:labels:)``: fills ``deltas`` for the batch rows `rows` of a batch of
    /// `batchRows`, from the loss back to the first hidden layer.
    func backpropagateErrors(rows: Range<Int>, batchRows: Int, labels: UnsafeBufferPointer<UInt8>) {
        let parameters = parameters.baseAddress!, classes = sizes.last!
        // d(mean loss)/d(logits) = (p - onehot) / batchRows
        let p = activations[layers.count].baseAddress!, dz = deltas[layers.count - 1].baseAddress!
        let scale = 1 / Float(batchRows)
        for r in rows {
            for j in 0..<classes { dz[r * classes + j] = p[r * classes + j] * scale }
            dz[r * classes + Int(labels[r])] -= scale
        }
        for l in stride(from: layers.count - 1, to: 0, by: -1) {
            let layer = layers[l], count = rows.count
            let dzl = deltas[l].baseAddress! + rows.lowerBound * layer.outputs
            let below = deltas[l - 1].baseAddress! + rows.lowerBound * layer.inputs
            let a = activations[l].baseAddress! + rows.lowerBound * layer.inputs
            // dA = dZ W^T, then through the ReLU: zero where the unit was off.
            library.multiply(m: count, n: layer.inputs, k: layer.outputs, dzl, lda: layer.outputs,
                             parameters + layer.weights, ldb: layer.outputs, transposeB: true, beta: 0, below, ldc: layer.inputs)
            Self.zeroWhereInactive(below, activations: a, count: count * layer.inputs)
        }
    }

    /// After ``backpropagateErrors(rows:batchRows:labels:)`` on every row: worker `worker`'s
    /// share of layer `l`'s gradient over the whole batch — rows of dW = Aᵀ dZ, and the last
    /// worker also db = dZᵀ 1. Returns the range of ``gradients`` it filled.
    func weightGradients(layer l: Int, worker: Int, batchRows: Int) -> Range<Int> {
        let layer = layers[l], g = gradients.baseAddress!
        let rows = share(of: layer.inputs, worker: worker), first = rows.lowerBound, end = rows.upperBound
        let isLast = worker == workers - 1
        if end > first {
            library.multiply(m: end - first, n: layer.outputs, k: batchRows,
                             activations[l].baseAddress! + first, lda: layer.inputs, transposeA: true,
                             deltas[l].baseAddress!, ldb: layer.outputs, beta: 0, g + layer.weights + first * layer.outputs, ldc: layer.outputs)
        }
        if isLast {
            library.multiply(m: layer.outputs, n: 1, k: batchRows, deltas[l].baseAddress!, lda: layer.outputs, transposeA: true,
                             ones.baseAddress!, ldb: 1, beta: 0, g + layer.biases, ldc: 1)
        }
        return layer.weights + first * layer.outputs..<layer.weights + end * layer.outputs + (isLast ? layer.outputs : 0)
    }

    /// `delta[i] = 0` wherever `activations[i] <= 0`: the ReLU's derivative, applied in place.
    /// Written with SIMD vectors: as a scalar loop the compiler keeps a branch per element
    /// (it cannot prove the two buffers apart), which mispredicts on every other unit.
    static func zeroWhereInactive(_ delta: UnsafeMutablePointer<Float>, activations: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let d = UnsafeRawPointer(delta + i).loadUnaligned(as: SIMD8<Float>.self)
            let a = UnsafeRawPointer(activations + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(delta + i).storeBytes(of: d.replacing(with: 0, where: a .<= 0), as: SIMD8<Float>.self)
            i += 8
        }
        for j in i..<count where activations[j] <= 0 { delta[j] = 0 }
    }
}
