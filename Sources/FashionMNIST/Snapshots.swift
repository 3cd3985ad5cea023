import Foundation

/// Weights kept during training for the loss landscape, at a fixed, log-spaced set of steps:
/// dense early, sparse late. Each is one file, written atomically:
/// `snapshots/<optimizer>-seed<N>/step-000100.bin` — the 8 bytes `DSNAPSH1`, a little-endian
/// UInt64 header length, the JSON ``Snapshot/Header``, the parameters as little-endian Float32.
public enum Snapshots {
    /// Steps kept inside the first epoch, the initial weights (step 0) first.
    public static let earlySteps: Set<Int> = [0, 10, 30, 100]
    /// Epochs whose end is kept (and always a run's last epoch).
    public static let epochs: Set<Int> = [1, 2, 3, 4, 6, 8, 11, 15, 20, 25, 30, 35, 40, 45, 50]

    /// Whether the end of `epoch` is kept in a run of `total` epochs.
    public static func keeps(epoch: Int, of total: Int) -> Bool { epochs.contains(epoch) || epoch == total }

    /// The folder of one optimizer's snapshots for one seed inside an output folder.
    public static func folder(in out: URL, optimizer: String, seed: UInt64) -> URL {
        out.appendingPathComponent("snapshots").appendingPathComponent("\(optimizer)-seed\(seed)")
    }

    static let magic = Array("DSNAPSH1".utf8)

    /// Writes the network's current weights as the snapshot at `step` (after `epoch` epochs, a
    /// fraction inside one) of the run `configuration` into `folder`; returns the bytes written.
    @discardableResult
    public static func write(_ network: MLP, step: Int, epoch: Double, of configuration: RunConfiguration, into folder: URL) throws -> Int {
        let header = Snapshot.Header(optimizer: configuration.optimizer.name, seed: configuration.seed, sizes: network.sizes,
                                     step: step, epoch: epoch)
        let json = try JSONEncoder().encode(header)
        var data = Data(magic)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(UnsafeBufferPointer(network.parameters))
        let url = folder.appendingPathComponent(String(format: "step-%06d.bin", step))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw FashionMNISTError("cannot write snapshot \(url.path): \(error.localizedDescription)")
        }
        return data.count
    }

    /// Every snapshot in `folder`, by step; throws when one is damaged or not of `sizes` (nil:
    /// of the first one's).
    public static func load(from folder: URL, sizes: [Int]? = nil) throws -> [Snapshot] {
        var sizes = sizes
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasPrefix("step-") && $0.hasSuffix(".bin") }.sorted().map { name in
            let snapshot = try read(folder.appendingPathComponent(name), sizes: sizes)
            sizes = snapshot.header.sizes
            return snapshot
        }.sorted { $0.header.step < $1.header.step }
    }

    static func read(_ url: URL, sizes: [Int]?) throws -> Snapshot {
        let damaged = FashionMNISTError("snapshot \(url.path) is damaged: delete it (the run rewrites it) or its folder")
        guard let data = try? Data(contentsOf: url), data.count > 16, Array(data.prefix(8)) == magic else { throw damaged }
        let headerLength = Int(data[8..<16].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian)
        guard headerLength < data.count - 16, let header = try? JSONDecoder().decode(Snapshot.Header.self, from: data[16..<16 + headerLength])
        else { throw damaged }
        if let sizes, header.sizes != sizes {
            throw FashionMNISTError("snapshot \(url.path) is of a \(header.sizes.map(String.init).joined(separator: "-")) network, "
                                    + "not \(sizes.map(String.init).joined(separator: "-"))")
        }
        let count = MLP.parameterCount(sizes: header.sizes), body = data.dropFirst(16 + headerLength)
        guard body.count == 4 * count else { throw damaged }
        let weights = body.withUnsafeBytes { raw in (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) } }
        return Snapshot(header: header, weights: weights)
    }
}

/// One set of weights kept during training.
public struct Snapshot: Sendable {
    /// Which run, network and moment a snapshot is of.
    public struct Header: Codable, Sendable, Equatable {
        /// The optimizer's stable name.
        public var optimizer: String
        /// The run's seed.
        public var seed: UInt64
        /// The network's layer sizes.
        public var sizes: [Int]
        /// Optimizer steps taken (0: the initial weights).
        public var step: Int
        /// Epochs done, a fraction inside one.
        public var epoch: Double
    }

    /// Which run, network and moment.
    public let header: Header
    /// Every parameter, as ``MLP/parameters`` lays them out.
    public let weights: [Float]
}
