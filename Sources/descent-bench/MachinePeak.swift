import CFMAPeak
import Dispatch
import Foundation

/// What the machine can do at best, measured in the same run as the figure compared with it.
enum MachinePeak {
    /// GFLOP/s of independent fused multiply-add chains in the widest vectors the CPU has,
    /// one thread per core: the arithmetic limit no library can beat. Takes about `duration` seconds.
    static func fmaGFLOPs(lasting duration: Double = 0.1) -> Double {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // A round takes a few nanoseconds. Each core times its own loop, so a thread that
        // starts late does not count as a slow one.
        let iterations = Int(duration * 6e8)
        nonisolated(unsafe) var rates = [Double](repeating: 0, count: cores)
        DispatchQueue.concurrentPerform(iterations: cores) { c in
            var flops = 0.0
            let time = seconds { flops = descent_fma_chains(iterations) }
            rates[c] = flops / time / 1e9
        }
        return rates.reduce(0, +)
    }

    /// The vectors of ``fmaGFLOPs(lasting:)``: `AVX-512`, `AVX2` or `SSE`.
    static var fmaVectors: String {
        switch descent_fma_vector_bits() {
        case 512: "AVX-512 FMA"
        case 256: "AVX2 FMA"
        default: "SSE multiply + add"
        }
    }

    /// The CPU's model name from /proc/cpuinfo, with its family and model numbers.
    static var cpuModel: String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        func field(_ name: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(name) }?.split(separator: ":", maxSplits: 1).last?
                .trimmingCharacters(in: .whitespaces)
        }
        return "\(field("model name") ?? "unknown CPU") (family \(field("cpu family") ?? "?"), model \(field("model\t") ?? "?"))"
    }
}
