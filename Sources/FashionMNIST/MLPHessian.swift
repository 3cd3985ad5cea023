/// Hessian-vector products of ``MLP``'s mean cross-entropy: Pearlmutter's R-operator, a forward
/// pass of the directional derivatives after the ordinary forward pass and a backward pass of
/// theirs beside the ordinary one (forward-over-backward). Exact to float rounding — no step
/// size to choose, unlike a difference of two gradients — at under twice a gradient's products.
extension MLP {
    /// The R-pass's work buffers, as many rows as the network's batch.
    final class RBuffers {
        /// R{activations} of each layer's outputs (index 0, the input, is never read), and R{deltas}.
        let activations: [UnsafeMutableBufferPointer<Float>], deltas: [UnsafeMutableBufferPointer<Float>]

        init(_ network: MLP) {
            activations = network.sizes.map { UnsafeMutableBufferPointer<Float>.allocate(capacity: network.maxBatch * $0) }
            deltas = network.sizes.dropFirst().map { UnsafeMutableBufferPointer<Float>.allocate(capacity: network.maxBatch * $0) }
        }

        deinit { for buffer in activations + deltas { buffer.deallocate() } }
    }

    /// Fills `product` with H·`direction`, the Hessian of the mean cross-entropy of the first
    /// `rows` rows of ``input`` (with their `labels`) times a direction laid out as
    /// ``parameters``, and returns the summed loss and correct predictions. The gradient itself is
    /// not formed (``gradients`` is left as it was): the product needs only the errors.
    public func hessianVectorProduct(_ direction: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<UInt8>, rows: Int,
                                     into product: UnsafeMutableBufferPointer<Float>) -> (lossSum: Double, correct: Int) {
        let score = prepareHessianProducts(labels: labels, rows: rows)
        preparedHessianVectorProduct(direction, rows: rows, into: product)
        return score
    }

    /// The forward pass and the errors of the first `rows` rows of ``input`` at the current
    /// parameters, kept for ``preparedHessianVectorProduct(_:rows:into:)``: the Lanczos iteration
    /// and Hutchinson's estimator take many products at the same weights, and each then skips
    /// them (a fifth of a product's multiply-adds). Returns the summed loss and correct predictions.
    public func prepareHessianProducts(labels: UnsafeBufferPointer<UInt8>, rows: Int) -> (lossSum: Double, correct: Int) {
        precondition(rows > 0 && rows <= maxBatch && labels.count >= rows)
        let total = sumOverWorkers { w in
            let myRows = share(of: rows, worker: w)
            guard !myRows.isEmpty else { return (0, 0) }
            let score = score(rows: myRows, labels: labels)
            backpropagateErrors(rows: myRows, batchRows: rows, labels: labels)
            return score
        }
        hessianRows = rows
        return total
    }

    /// H·`direction` at the weights and rows of the last ``prepareHessianProducts(labels:rows:)``,
    /// into `product`. The parameters must not have changed since; that no other pass has run
    /// since (which would have overwritten the kept activations) is checked.
    public func preparedHessianVectorProduct(_ direction: UnsafeBufferPointer<Float>, rows: Int, into product: UnsafeMutableBufferPointer<Float>) {
        precondition(hessianRows == rows, "prepareHessianProducts(labels:rows:) over these rows must come first, with no other pass since")
        precondition(direction.count == parameterCount && product.count == parameterCount)
        let r = rBuffers
        onEveryWorker { w in
            let myRows = share(of: rows, worker: w)
            guard !myRows.isEmpty else { return }
            rForward(rows: myRows, direction: direction, r)
            rBackward(rows: myRows, batchRows: rows, direction: direction, r)
        }
        onEveryWorker { w in
            for l in layers.indices { rWeightGradients(layer: l, worker: w, batchRows: rows, r, into: product) }
        }
    }

    /// R{z} of every layer for the batch rows `rows`: `R{z_l} = R{a_(l-1)} W_l + a_(l-1) V_l + c_l`,
    /// through the ReLU's mask where a unit is off (its second derivative is zero almost everywhere).
    func rForward(rows: Range<Int>, direction v: UnsafeBufferPointer<Float>, _ r: RBuffers) {
        let parameters = parameters.baseAddress!, v = v.baseAddress!, last = layers.count - 1, count = rows.count
        for (l, layer) in layers.enumerated() {
            let a = activations[l].baseAddress! + rows.lowerBound * layer.inputs
            let out = r.activations[l + 1].baseAddress! + rows.lowerBound * layer.outputs
            for row in 0..<count { (out + row * layer.outputs).update(from: v + layer.biases, count: layer.outputs) }
            library.multiply(m: count, n: layer.outputs, k: layer.inputs, a, lda: layer.inputs, v + layer.weights, ldb: layer.outputs,
                             beta: 1, out, ldc: layer.outputs)
            if l > 0 {
                library.multiply(m: count, n: layer.outputs, k: layer.inputs, r.activations[l].baseAddress! + rows.lowerBound * layer.inputs,
                                 lda: layer.inputs, parameters + layer.weights, ldb: layer.outputs, beta: 1, out, ldc: layer.outputs)
            }
            if l < last {
                Self.zeroWhereInactive(out, activations: activations[l + 1].baseAddress! + rows.lowerBound * layer.outputs,
                                       count: count * layer.outputs)
            }
        }
    }

    /// R{delta} of every layer for the batch rows `rows`: at the output the softmax's Jacobian times
    /// R{logits} over the batch's size, then `R{d_(l-1)} = (R{d_l} W_lᵀ + d_l V_lᵀ)` through the mask.
    func rBackward(rows: Range<Int>, batchRows: Int, direction v: UnsafeBufferPointer<Float>, _ r: RBuffers) {
        let parameters = parameters.baseAddress!, v = v.baseAddress!, classes = sizes.last!
        let p = activations[layers.count].baseAddress!, rz = r.activations[layers.count].baseAddress!
        let rd = r.deltas[layers.count - 1].baseAddress!, scale = 1 / Float(batchRows)
        for row in rows {
            var mean: Float = 0
            for j in 0..<classes { mean += p[row * classes + j] * rz[row * classes + j] }
            for j in 0..<classes { rd[row * classes + j] = p[row * classes + j] * (rz[row * classes + j] - mean) * scale }
        }
        for l in stride(from: layers.count - 1, to: 0, by: -1) {
            let layer = layers[l], count = rows.count
            let below = r.deltas[l - 1].baseAddress! + rows.lowerBound * layer.inputs
            library.multiply(m: count, n: layer.inputs, k: layer.outputs, r.deltas[l].baseAddress! + rows.lowerBound * layer.outputs,
                             lda: layer.outputs, parameters + layer.weights, ldb: layer.outputs, transposeB: true, beta: 0, below, ldc: layer.inputs)
            library.multiply(m: count, n: layer.inputs, k: layer.outputs, deltas[l].baseAddress! + rows.lowerBound * layer.outputs,
                             lda: layer.outputs, v + layer.weights, ldb: layer.outputs, transposeB: true, beta: 1, below, ldc: layer.inputs)
            Self.zeroWhereInactive(below, activations: activations[l].baseAddress! + rows.lowerBound * layer.inputs, count: count * layer.inputs)
        }
    }

    /// Worker `worker`'s share of layer `l`'s Hessian-vector product over the whole batch:
    /// rows of `R{dW} = aᵀ R{d} + R{a}ᵀ d`, and the last worker also `R{db} = R{d}ᵀ 1`.
    func rWeightGradients(layer l: Int, worker: Int, batchRows: Int, _ r: RBuffers, into product: UnsafeMutableBufferPointer<Float>) {
        let layer = layers[l], out = product.baseAddress!
        let share = share(of: layer.inputs, worker: worker), first = share.lowerBound, end = share.upperBound
        if end > first {
            library.multiply(m: end - first, n: layer.outputs, k: batchRows, activations[l].baseAddress! + first, lda: layer.inputs,
                             transposeA: true, r.deltas[l].baseAddress!, ldb: layer.outputs, beta: 0,
                             out + layer.weights + first * layer.outputs, ldc: layer.outputs)
            if l > 0 {
                library.multiply(m: end - first, n: layer.outputs, k: batchRows, r.activations[l].baseAddress! + first, lda: layer.inputs,
                                 transposeA: true, deltas[l].baseAddress!, ldb: layer.outputs, beta: 1,
                                 out + layer.weights + first * layer.outputs, ldc: layer.outputs)
            }
        }
        if worker == workers - 1 {
            library.multiply(m: layer.outputs, n: 1, k: batchRows, r.deltas[l].baseAddress!, lda: layer.outputs, transposeA: true,
                             ones.baseAddress!, ldb: 1, beta: 0, out + layer.biases, ldc: 1)
        }
    }
}
