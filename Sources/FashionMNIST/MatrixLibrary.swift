import CBLAS
import CDNNL
import Dispatch
import Foundation
import Optimizers

/// The library that computes the network's matrix products.
///
/// oneDNN picks its kernels (AVX-512, AVX2, SSE4.1) from the CPU's feature bits, so a processor
/// it has never seen still runs at its vector width; OpenBLAS picks them by CPU model and falls
/// back to SSE3 kernels on models it does not know, but where it knows the CPU (AMD Zen, say)
/// its kernels can beat oneDNN's. ``fastest`` measures both on this machine.
public enum MatrixLibrary: String, CaseIterable, Sendable {
    /// oneDNN, which picks its kernels from the CPU's feature bits.
    case oneDNN = "onednn"
    /// OpenBLAS, which picks its kernels by CPU model.
    case openBLAS = "openblas"

    /// The library that runs a step's products (the seed model's, shared by the cores as the
    /// network shares them) faster on this machine, measured once (about 0.25 s) when first asked. oneDNN, which knows every CPU by
    /// its feature bits, unless OpenBLAS is at least 10 % faster: a near tie does not flip the
    /// choice from one run to the next.
    public static var fastest: MatrixLibrary {
        func seconds(_ library: MatrixLibrary) -> Double { timings.first { $0.library == library }?.seconds ?? .infinity }
        return seconds(.openBLAS) < 0.9 * seconds(.oneDNN) ? .openBLAS : .oneDNN
    }

    /// Seconds each library takes for the seed model's products in a step of 256 rows
    /// (forward, back-propagated errors, weight gradients: 14 products), shared by the cores
    /// as the network shares them, best of 5.
    public static var timings: [(library: MatrixLibrary, seconds: Double)] { measuredTimings }

    private static let measuredTimings: [(library: MatrixLibrary, seconds: Double)] = {
        let sizes = MLP.seedSizes, batch = 256, largest = sizes.max()!
        let workers = ProcessInfo.processInfo.activeProcessorCount, rows = batch / workers
        // Each worker reads shared inputs and writes its own output, as in a step.
        let x = [Float](repeating: 0.5, count: largest * largest), y = [Float](repeating: 0.01, count: largest * largest)
        nonisolated(unsafe) let outputs = (0..<workers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: largest * largest) }
        defer { outputs.forEach { $0.deallocate() } }
        // The libraries take turns, so a moment of noise on the machine does not hit only one.
        var best = [Double](repeating: .infinity, count: allCases.count)
        for round in 0..<6 {
            for (n, library) in allCases.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    library.useCallingThreadOnly()
                    let z = outputs[w]
                    for (l, (i, o)) in zip(sizes, sizes.dropFirst()).enumerated() {
                        library.multiply(m: rows, n: o, k: i, x, lda: i, y, ldb: o, beta: 1, z, ldc: o)
                        if l > 0 { library.multiply(m: rows, n: i, k: o, x, lda: o, y, ldb: o, transposeB: true, beta: 0, z, ldc: i) }
                        library.multiply(m: i / workers, n: o, k: batch, x, lda: i, transposeA: true, y, ldb: o, beta: 0, z, ldc: o)
                    }
                }
                // The first round warms up (oneDNN compiles its kernels) and is not kept.
                if round > 0 { best[n] = min(best[n], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
            }
        }
        return Array(zip(allCases, best))
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

    /// Row-major products for an optimizer's own matrix work (Muon's Newton–Schulz iteration),
    /// on every core. The library keeps its threads until the network's next pass puts it back
    /// on one thread per worker: switching the count at every product kept OpenMP's threads
    /// spinning against ours (measured: 480 ms a Muon step, most of it in libgomp's wait loop).
    public var product: MatrixMultiply<Float> {
        let library = self, cores = Int32(ProcessInfo.processInfo.activeProcessorCount)
        return { m, n, k, a, b, transposeB, c in
            switch library {
            case .oneDNN: if omp_get_max_threads() != cores { omp_set_num_threads(cores) }
            case .openBLAS: if openblas_get_num_threads() != cores { openblas_set_num_threads(cores) }
            }
            library.multiply(m: m, n: n, k: k, a, lda: k, b, ldb: transposeB ? k : n, transposeB: transposeB, beta: 0, c, ldc: n)
        }
    }

    /// What the library runs on this machine, for benchmark reports: oneDNN's version and the
    /// instruction set it dispatches to (capped by `ONEDNN_MAX_CPU_ISA`); the kernels OpenBLAS
    /// picked for this CPU (`Zen`, `Haswell`, `SkylakeX`; `Prescott` is its SSE3 fallback for a
    /// CPU it does not know).
    public var kernels: String {
        switch self {
        case .oneDNN:
            let v = dnnl_version().pointee
            return "oneDNN \(v.major).\(v.minor).\(v.patch) dispatching to \(Self.oneDNNISA)"
        case .openBLAS:
            return "OpenBLAS on its \(String(cString: openblas_get_corename())) kernels"
        }
    }

    private static var oneDNNISA: String {
        switch dnnl_get_effective_cpu_isa() {
        case dnnl_cpu_isa_sse41: "SSE4.1"
        case dnnl_cpu_isa_avx: "AVX"
        case dnnl_cpu_isa_avx2: "AVX2"
        case dnnl_cpu_isa_avx2_vnni: "AVX2 VNNI"
        case dnnl_cpu_isa_avx512_core: "AVX-512"
        case dnnl_cpu_isa_avx512_core_vnni: "AVX-512 VNNI"
        case dnnl_cpu_isa_avx512_core_bf16: "AVX-512 BF16"
        case dnnl_cpu_isa_avx512_core_amx: "AVX-512 AMX"
        case let other: "isa 0x\(String(other.rawValue, radix: 16))"
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

/// A command line's choice of library: one of them, or `auto` for the ``MatrixLibrary/fastest``.
public enum MatrixLibraryChoice: String, CaseIterable, Sendable {
    case auto
    case onednn
    case openblas

    /// The library chosen; `auto` measures both the first time it is asked.
    public var library: MatrixLibrary {
        switch self {
        case .auto: .fastest
        case .onednn: .oneDNN
        case .openblas: .openBLAS
        }
    }
}
