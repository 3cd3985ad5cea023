import ArgumentParser
import Foundation
import Optimizers

/// Adam's update over the MLP's parameter count, against a plain copy of the same bytes.
struct OptimizerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Adam update throughput (GB/s) next to a plain copy over the same footprint."
    )

    @Option(help: "Parameters per update (the seed's MLP has 1,859,082: weights and biases).")
    var parameters = 1_859_082

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 50

    func run() throws {
        let n = parameters
        let theta = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        let grads = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        defer { theta.deallocate(); grads.deallocate() }
        for i in 0..<n {
            theta[i] = Float(i % 97) * 0.01
            grads[i] = Float(i % 89) * 0.001 - 0.04
        }
        let adam = try Optimizer<Float>(.adam(Adam()))
        let g = UnsafeBufferPointer(grads)
        try adam.update(parameters: theta, gradients: g)  // allocate slots outside the timing
        let adamSeconds = try bestTime(repeats: repeats) {
            try adam.update(parameters: theta, gradients: g)
        }
        // Adam reads theta, g, m, v and writes theta, m, v: 7 floats per parameter.
        let adamBytes = Double(7 * 4 * n)

        // The reference: a plain copy over a footprint of the same size (4 arrays of n floats),
        // two arrays copied onto the other two (8 bytes read and 8 written per parameter), cut
        // into one chunk per core as the update is.
        nonisolated(unsafe) let arrays = (0..<4).map { _ in UnsafeMutableBufferPointer<Float>.allocate(capacity: n) }
        defer { arrays.forEach { $0.deallocate() } }
        arrays.forEach { $0.initialize(repeating: 1) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let copySeconds = bestTime(repeats: repeats) {
            DispatchQueue.concurrentPerform(iterations: cores) { c in
                let start = n * c / cores, count = n * (c + 1) / cores - start
                (arrays[2].baseAddress! + start).update(from: arrays[0].baseAddress! + start, count: count)
                (arrays[3].baseAddress! + start).update(from: arrays[1].baseAddress! + start, count: count)
            }
        }
        let copyBytes = Double(16 * n)

        let adamRate = adamBytes / adamSeconds / 1e9, copyRate = copyBytes / copySeconds / 1e9
        print("parameters: \(n), best of \(repeats), \(cores) threads each")
        print(String(format: "adam update: %7.3f ms  %6.2f GB/s", adamSeconds * 1e3, adamRate))
        print(String(format: "copy:        %7.3f ms  %6.2f GB/s", copySeconds * 1e3, copyRate))
        print(String(format: "adam / copy bandwidth: %.0f %%", 100 * adamRate / copyRate))
    }
}
