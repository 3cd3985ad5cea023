import Foundation

/// One JSON object written field by field straight into bytes: the long number arrays go in
/// as base64, encoded by Foundation into the buffer's end, with no string in between (the
/// strings and their joins were a third of a noisy answer's time).
struct JSONBytes {
    private var bytes = Data()
    private var fields = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// `"key":` then `json`, a value already in JSON.
    mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// `"key":` then `value` as a JSON string.
    mutating func string(_ key: String, _ value: String) throws {
        self.key(key)
        bytes.append(try JSONEncoder().encode(value))
    }

    /// `"key":"…"`: the numbers' bytes (little-endian on every machine Swift serves from) in base64.
    mutating func base64<T: BinaryFloatingPoint>(_ key: String, _ values: [T]) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        values.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            bytes.append(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none).base64EncodedData())
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The object, closed.
    mutating func finished() -> Data {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ key: String) {
        if fields > 0 { bytes.append(UInt8(ascii: ",")) }
        fields += 1
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: key.utf8)
        bytes.append(contentsOf: "\":".utf8)
    }
}
