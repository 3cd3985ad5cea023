import CBLAS
import CDNNL
import Dispatch

/// The library that computes the network's matrix products.
///
/// oneDNN picks its kernels (AVX-512, AVX2, SSE4.1) from the CPU's feature bits, so a processor
/// it has never seen still runs at its vector width; OpenBLAS picks them by CPU model and falls
/// back to SSE3 kernels on models it does not know, but where it knows the CPU (AMD Zen, say)
/// its kernels can beat oneDNN's. ``fastest`` measures both on this machine.
public enum MatrixLibrary: String, CaseIterable, Sendable {
    case oneDNN = "onednn"
    case openBLAS = "openblas"

    /// `auto` (nil: the ``fastest``), `onednn` or `openblas`, as a command line names it.
    public static func named(_ name: String) throws -> MatrixLibrary? {
        if name == "auto" { return nil }
        guard let library = MatrixLibrary(rawValue: name) else {
            throw FashionMNISTError("unknown matrix library '\(name)': use auto, onednn or openblas")
        }
        return library
    }

    /// The library whose single-threaded products of the seed model's shapes are faster on this
    /// machine, measured once (about 0.1 s) when first asked.
    public static var fastest: MatrixLibrary { timings.min { $0.seconds < $1.seconds }!.library }

    /// Seconds each library takes for one worker's share of the seed model's three largest
    /// products (forward, back-propagated error, weight gradient of the first layer), best of 3.
    public static var timings: [(library: MatrixLibrary, seconds: Double)] { measuredTimings }

    private static let measuredTimings: [(library: MatrixLibrary, seconds: Double)] = {
        let (rows, inputs, outputs, batch) = (128, 784, 1024, 256)
        let a = [Float](repeating: 0.5, count: batch * inputs), w = [Float](repeating: 0.01, count: inputs * outputs)
        let d = [Float](repeating: 0.02, count: batch * outputs)
        var z = [Float](repeating: 0, count: inputs * outputs)
        return allCases.map { library in
            library.useCallingThreadOnly()
            var best = Double.infinity
            for _ in 0..<4 {  // the first round warms up (oneDNN compiles its kernels) and is not kept
                let start = DispatchTime.now().uptimeNanoseconds
                library.multiply(m: rows, n: outputs, k: inputs, a, lda: inputs, w, ldb: outputs, beta: 0, &z, ldc: outputs)
                library.multiply(m: rows, n: inputs, k: outputs, d, lda: outputs, w, ldb: outputs, transposeB: true, beta: 0, &z, ldc: inputs)
                library.multiply(m: inputs / 2, n: outputs, k: batch, a, lda: inputs, transposeA: true, d, ldb: outputs, beta: 0, &z, ldc: outputs)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return (library, best)
        }
    }()

    /// `C = alpha · op(A) · op(B) + beta · C`, with op(A) `m × k`, op(B) `k × n` and C `m × n`,
    /// each row-major with the given leading dimension (elements per stored row).
    func multiply(m: Int, n: Int, k: Int, alpha: Float = 1,
                  _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
                  _ b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
                  beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        switch self {
        case .oneDNN:
            let status = dnnl_sgemm(transposeA ? 84 : 78, transposeB ? 84 : 78,  // "T" or "N"
                                    Int64(m), Int64(n), Int64(k), alpha, a, Int64(lda), b, Int64(ldb), beta, c, Int64(ldc))
            precondition(status == dnnl_success, "dnnl_sgemm failed (status \(status.rawValue)) for \(m)x\(n)x\(k)")
        case .openBLAS:
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }

    /// Makes the products called from this thread run on this thread alone: the network
    /// spreads its work over the cores itself. oneDNN threads through OpenMP, whose thread
    /// count is a per-thread setting; OpenBLAS's is one setting for the process.
    func useCallingThreadOnly() {
        switch self {
        case .oneDNN: if omp_get_max_threads() != 1 { omp_set_num_threads(1) }
        case .openBLAS: if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
        }
    }
}
