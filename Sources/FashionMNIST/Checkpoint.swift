import Foundation
import Optimizers

/// A run's whole state after an epoch — configuration, history, RNG, weights and optimizer
/// slots — in one file written atomically (a temporary file renamed over the old one), so an
/// interrupted run loses at most the epoch in progress.
///
/// Layout: the 8 bytes `DESCENT1`, a little-endian UInt64 header length, the JSON header,
/// then the parameters and each optimizer slot as little-endian Float32.
public enum Checkpoint {
    struct Header: Codable {
        var configuration: RunConfiguration
        var history: [EpochRecord]
        var rng: RandomSource
        var optimizerStep: Int
        var slotCount: Int
        var parameterCount: Int
        /// Each slot's length (absent in earlier checkpoints, whose slots were all as long as the parameters).
        var slotLengths: [Int]?
        /// The rule's carried scalars (Nadam's), and the moving average's length (0 without one).
        var carried: [Double]?
        var averageLength: Int?
    }

    static let magic = Array("DESCENT1".utf8)

    /// Writes `trainer`'s state to `url`.
    public static func save(_ trainer: Trainer, to url: URL) throws {
        let state = trainer.optimizer.state
        let header = Header(configuration: trainer.configuration, history: trainer.history, rng: trainer.rng,
                            optimizerStep: state.step, slotCount: state.slots.count,
                            parameterCount: trainer.network.parameterCount, slotLengths: state.slots.map(\.count),
                            carried: state.carried, averageLength: state.average?.count ?? 0)
        let json = try HistoryFiles.encoder().encode(header)
        var data = Data(magic)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(UnsafeBufferPointer(trainer.network.parameters))
        for slot in state.slots { slot.withUnsafeBufferPointer { data.append($0) } }
        state.average?.withUnsafeBufferPointer { data.append($0) }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw FashionMNISTError("cannot write checkpoint \(url.path): \(error.localizedDescription)")
        }
    }

    /// Restores the run saved at `url`, its products on `library`, or returns nil when there is
    /// none. Throws when the file is damaged or was made under another configuration.
    public static func load(from url: URL, expecting configuration: RunConfiguration,
                            library: MatrixLibrary = .fastest) throws -> Trainer? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        let damaged = FashionMNISTError("checkpoint \(url.path) is damaged: delete it or pass --fresh")
        guard data.count > 16, Array(data.prefix(8)) == magic else { throw damaged }
        let headerLength = Int(data[8..<16].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian)
        guard headerLength < data.count - 16,
              let header = try? HistoryFiles.decoder().decode(Header.self, from: data[16..<16 + headerLength]) else { throw damaged }
        guard header.configuration == configuration else {
            throw FashionMNISTError("checkpoint \(url.path) was made with another configuration (\(header.configuration.summary)); "
                + "rerun with the same flags, or pass --fresh to start over")
        }
        let trainer = try Trainer(configuration, library: library)
        let n = header.parameterCount
        let lengths = header.slotLengths ?? Array(repeating: n, count: header.slotCount)
        let averageLength = header.averageLength ?? 0
        let floats = n + lengths.reduce(0, +) + averageLength
        guard n == trainer.network.parameterCount, lengths.count == header.slotCount,
              data.count == 16 + headerLength + 4 * floats else { throw damaged }
        let values: [Float] = data[(16 + headerLength)...].withUnsafeBytes { raw in
            (0..<floats).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
        _ = trainer.network.parameters.update(fromContentsOf: values[0..<n])
        var start = n
        let slots = lengths.map { length in
            defer { start += length }
            return Array(values[start..<start + length])
        }
        let average = averageLength > 0 ? Array(values[start..<start + averageLength]) : nil
        do {
            try trainer.optimizer.restore(OptimizerState(step: header.optimizerStep, slots: slots, carried: header.carried ?? [],
                                                         average: average))
        } catch {
            throw damaged
        }
        trainer.rng = header.rng
        trainer.history = header.history
        return trainer
    }
}

extension RunConfiguration {
    /// A short description for messages: `adam lr 0.001, batch 256, seed 1, all images`.
    public var summary: String {
        "\(optimizer.name) lr \(learningRate), batch \(batchSize), seed \(seed), "
            + (trainLimit.map { "first \($0) images" } ?? "all images")
    }
}
