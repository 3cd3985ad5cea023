import ArgumentParser
import FashionMNIST
import Foundation
import Optimizers

/// Every rule's update over the MLP's parameters, against the plainest in-place stream over as many bytes.
struct OptimizerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Each rule's update throughput (GB/s) next to an in-place stream over the same footprint, timed in turns; whole-variable rules per step."
    )

    @Option(help: "Parameters per update of the element-wise rules (the seed's MLP has 1,859,082: weights and biases).")
    var parameters = 1_859_082

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 50

    @Option(help: "Library for Muon's matrix products (auto: the faster here).")
    var matrixLibrary = MatrixLibraryChoice.auto

    func run() throws {
        let n = parameters, cores = ProcessInfo.processInfo.activeProcessorCount
        let theta = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        let grads = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        defer { theta.deallocate(); grads.deallocate() }
        func fill() {
            for i in 0..<n {
                theta[i] = Float(i % 97) * 0.01
                grads[i] = Float(i % 89) * 0.001 - 0.04
            }
        }
        fill()

        // The reference: the plainest in-place update over four arrays of n floats the size of
        // the parameters, `a += b` and `c += d` (16 bytes read and 8 written per parameter, every
        // written line read first as an update's are), cut into one chunk per core as the update is.
        nonisolated(unsafe) let arrays = (0..<4).map { _ in UnsafeMutableBufferPointer<Float>.allocate(capacity: n) }
        defer { arrays.forEach { $0.deallocate() } }
        arrays.forEach { $0.initialize(repeating: 0) }
        func stream() {
            DispatchQueue.concurrentPerform(iterations: cores) { c in
                let (a, b, x, y) = (arrays[0], arrays[1], arrays[2], arrays[3])
                for i in n * c / cores..<n * (c + 1) / cores {
                    a[i] += b[i]
                    x[i] += y[i]
                }
            }
        }
        stream()
        print("parameters: \(n), best of \(repeats), \(cores) threads each")
        print("rule                    update       bandwidth    / stream (timed in turns with it)")
        let g = UnsafeBufferPointer(grads)
        for kind in OptimizerKind.allCases where kind.defaultRule.isElementwise {
            let optimizer = try Optimizer<Float>(kind.defaultConfiguration)
            try optimizer.update(parameters: theta, gradients: g)  // allocate slots outside the timing
            let (streamSeconds, seconds) = try bestTimesInTurns(repeats: repeats, stream) { try optimizer.update(parameters: theta, gradients: g) }
            // Each parameter: theta read and written, its gradient read, each slot read and written;
            // a weight decay reads and writes theta once more.
            let slots = optimizer.state.slots.count, decay = optimizer.configuration.weightDecay == nil ? 0 : 2
            let rate = Double(4 * n * (3 + 2 * slots + decay)) / seconds / 1e9, streamRate = Double(24 * n) / streamSeconds / 1e9
            print(String(format: "%@ %7.3f ms  %6.2f GB/s   %4.0f %%", kind.name.padding(toLength: 20, withPad: " ", startingAt: 0),
                         seconds * 1e3, rate, 100 * rate / streamRate))
            fill()
        }

        // The rules that need a whole variable, on the MLP's own variables (kernels and biases).
        let library = matrixLibrary.library
        var rng = RandomSource(seed: 1)
        let network = MLP(maxBatch: 1, library: library, rng: &rng)
        for i in 0..<network.parameterCount { network.gradients[i] = Float(i % 89) * 0.001 - 0.04 }
        print("\nwhole-variable rules over the MLP's \(network.variables.count) variables (\(network.parameterCount) parameters), Muon's products on \(library.rawValue):")
        for kind in OptimizerKind.allCases where !kind.defaultRule.isElementwise {
            let optimizer = try Optimizer<Float>(kind.defaultConfiguration, variables: network.variables)
            optimizer.matrixMultiply = library.product
            let step = { try optimizer.update(parameters: network.parameters, gradients: UnsafeBufferPointer(network.gradients)) }
            try step()
            let seconds = try bestTime(repeats: max(3, repeats / 10), step)
            print(String(format: "%@ %8.2f ms per step", kind.name.padding(toLength: 20, withPad: " ", startingAt: 0), seconds * 1e3))
        }
    }
}
