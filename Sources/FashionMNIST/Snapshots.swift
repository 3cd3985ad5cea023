import Foundation
import Optimizers

/// Weights kept during training for the loss landscape and its curvature, at a fixed,
/// log-spaced set of steps: dense early, sparse late. Each is one file, written atomically:
/// `snapshots/<optimizer>-seed<N>/step-000100.bin` — the 8 bytes `DSNAPSH1`, a little-endian
/// UInt64 header length, the JSON ``Snapshot/Header``, the parameters as little-endian Float32,
/// then for a rule that scales each coordinate the diagonal of its inverse preconditioner
/// (`Optimizer.inversePreconditioner`, one Float32 per parameter): the one slot the curvature
/// of its path needs, not the rule's whole state.
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

    /// Writes the network's current weights, with what `optimizer` says of its last step (its
    /// learning rate, stability limit and inverse preconditioner), as the snapshot after
    /// `epoch` epochs (a fraction inside one) of the run `configuration` into `folder`; returns
    /// the bytes written.
    @discardableResult
    public static func write(_ network: MLP, optimizer: Optimizer<Float>, epoch: Double, of configuration: RunConfiguration,
                             into folder: URL) throws -> Int {
        let step = optimizer.step, inverse = optimizer.inversePreconditioner
        let header = Snapshot.Header(optimizer: configuration.optimizer.name, seed: configuration.seed, sizes: network.sizes,
                                     step: step, epoch: epoch, learningRate: optimizer.lastLearningRate,
                                     stabilityLimit: optimizer.rule.base.stabilityLimit, preconditioned: inverse != nil)
        let json = try JSONEncoder().encode(header)
        var data = Data(magic)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(UnsafeBufferPointer(network.parameters))
        inverse?.withUnsafeBufferPointer { data.append($0) }
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
        let vectors = header.preconditioned == true ? 2 : 1
        guard body.count == 4 * count * vectors else { throw damaged }
        let floats = body.withUnsafeBytes { raw in
            (0..<count * vectors).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
        return Snapshot(header: header, weights: Array(floats[..<count]), inversePreconditioner: vectors == 2 ? Array(floats[count...]) : nil)
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
        /// The learning rate of the last step (the first step's at step 0); nil in snapshots
        /// written before the curvature needed it.
        public var learningRate: Double?
        /// The rule's `UpdateRule.stabilityLimit` (nil: not known, or an older snapshot).
        public var stabilityLimit: Double?
        /// Whether the inverse preconditioner's diagonal follows the weights (nil: an older snapshot).
        public var preconditioned: Bool?

        /// A header; the last three are what the curvature reads.
        public init(optimizer: String, seed: UInt64, sizes: [Int], step: Int, epoch: Double, learningRate: Double? = nil,
                    stabilityLimit: Double? = nil, preconditioned: Bool? = nil) {
            (self.optimizer, self.seed, self.sizes, self.step, self.epoch) = (optimizer, seed, sizes, step, epoch)
            (self.learningRate, self.stabilityLimit, self.preconditioned) = (learningRate, stabilityLimit, preconditioned)
        }
    }

    /// Which run, network and moment.
    public let header: Header
    /// Every parameter, as ``MLP/parameters`` lays them out.
    public let weights: [Float]
    /// The diagonal of the rule's inverse preconditioner after this step, laid out as the
    /// weights; nil at step 0 and for a rule without one.
    public let inversePreconditioner: [Float]?
}
