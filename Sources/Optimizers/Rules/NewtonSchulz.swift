/// Muon's quintic Newton–Schulz iteration: brings a matrix's singular values near 1
/// (`X ≈ U S' V^T` for `G = U S V^T`), as Keras's `zeropower_via_newtonschulz5`.
@usableFromInline
struct NewtonSchulz {
    @usableFromInline let a: Double, b: Double, c: Double, steps: Int

    @inlinable
    init(a: Double, b: Double, c: Double, steps: Int) {
        self.a = a
        self.b = b
        self.c = c
        self.steps = steps
    }

    /// Replaces the row-major `rows × columns` matrix `g` by its orthogonalised form; the
    /// products go through `multiply` (a matrix library) or, without one, a plain loop.
    @inlinable
    func orthogonalise<S: OptimizerScalar>(_ g: UnsafeMutableBufferPointer<S>, rows: Int, columns: Int, multiply: MatrixMultiply<S>?) {
        // Work on the wide orientation (p <= q), as Keras transposes a tall matrix.
        let transposed = rows > columns, p = min(rows, columns), q = max(rows, columns)
        let x = UnsafeMutableBufferPointer<S>.allocate(capacity: p * q), y = UnsafeMutableBufferPointer<S>.allocate(capacity: p * q)
        let gram = UnsafeMutableBufferPointer<S>.allocate(capacity: p * p), square = UnsafeMutableBufferPointer<S>.allocate(capacity: p * p)
        defer { [x, y, gram, square].forEach { $0.deallocate() } }
        var squares = 0.0
        for i in 0..<rows {
            for j in 0..<columns {
                let value = g[i * columns + j]
                x[transposed ? j * rows + i : i * columns + j] = value
                squares += Double(value * value)
            }
        }
        let scale = S(1 / (squares.squareRoot() + 1e-7))
        for i in 0..<p * q { x[i] *= scale }
        let product = multiply ?? plainMultiply
        let a = S(a), b = S(b), c = S(c)
        for _ in 0..<steps {
            product(p, p, q, UnsafePointer(x.baseAddress!), UnsafePointer(x.baseAddress!), true, gram.baseAddress!)
            product(p, p, p, UnsafePointer(gram.baseAddress!), UnsafePointer(gram.baseAddress!), false, square.baseAddress!)
            for i in 0..<p * p { square[i] = b * gram[i] + c * square[i] }
            product(p, q, p, UnsafePointer(square.baseAddress!), UnsafePointer(x.baseAddress!), false, y.baseAddress!)
            for i in 0..<p * q { x[i] = a * x[i] + y[i] }
        }
        for i in 0..<rows {
            for j in 0..<columns { g[i * columns + j] = x[transposed ? j * rows + i : i * columns + j] }
        }
    }
}

/// `c = a · b` for row-major matrices, `a` m×k and `b` k×n (or, transposed, n×k):
/// `(m, n, k, a, b, transposeB, c)`. ``Optimizer/matrixMultiply`` hands one to Muon.
public typealias MatrixMultiply<S> = (Int, Int, Int, UnsafePointer<S>, UnsafePointer<S>, Bool, UnsafeMutablePointer<S>) -> Void

/// The plain product, for small matrices and when no library is at hand.
@inlinable
func plainMultiply<S: OptimizerScalar>(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                        _ transposeB: Bool, _ c: UnsafeMutablePointer<S>) {
    for i in 0..<m {
        for j in 0..<n { c[i * n + j] = 0 }
        for l in 0..<k {
            let left = a[i * k + l]
            if transposeB {
                for j in 0..<n { c[i * n + j] += left * b[j * k + l] }
            } else {
                for j in 0..<n { c[i * n + j] += left * b[l * n + j] }
            }
        }
    }
}
