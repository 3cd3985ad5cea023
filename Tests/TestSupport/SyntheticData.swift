import Foundation

/// Writes synthetic IDX files (gzip'd with the system's gzip) into a fresh scratch folder.
public struct SyntheticData {
    public let directory: URL

    public init(images: Int = 3, labels: [UInt8] = [1, 9, 0], imageMagic: UInt32 = 0x803, side: UInt32 = 28) throws {
        directory = try scratchDirectory()
        var image = Self.header([imageMagic, UInt32(images), side, side])
        image += (0..<images * Int(side * side)).map { UInt8($0 % 256) }
        let label = Self.header([0x801, UInt32(labels.count)]) + labels
        for prefix in ["train", "t10k"] {
            try write(image, "\(prefix)-images-idx3-ubyte.gz")
            try write(label, "\(prefix)-labels-idx1-ubyte.gz")
        }
    }

    public static func header(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { w in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: w >> $0) } }
    }

    /// Gzips `bytes` into `name`.
    public func write(_ bytes: [UInt8], _ name: String) throws {
        let raw = directory.appendingPathComponent(name + ".raw")
        try Data(bytes).write(to: raw)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(raw.path)' > '\(directory.appendingPathComponent(name).path)' && rm '\(raw.path)'"]
        try gzip.run()
        gzip.waitUntilExit()
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
}
