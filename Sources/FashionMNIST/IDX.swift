import Foundation

/// Readers for the IDX format of the MNIST family: a big-endian header (magic number with the
/// element type and rank, then each dimension) followed by the raw unsigned bytes.
enum IDX {
    static let imagesMagic: UInt32 = 0x0000_0803  // unsigned bytes, 3 dimensions
    static let labelsMagic: UInt32 = 0x0000_0801  // unsigned bytes, 1 dimension

    /// Images as pixels / 255, one row of `rows * columns` Floats per image.
    static func images(_ bytes: [UInt8], file: String) throws -> (count: Int, side: Int, pixels: [Float]) {
        let header = try read(bytes, magic: imagesMagic, rank: 3, file: file)
        let (count, rows, columns) = (header[0], header[1], header[2])
        guard rows == 28, columns == 28 else {
            throw FashionMNISTError("\(file): images are \(rows)x\(columns), expected 28x28")
        }
        try checkLength(bytes, header: 16, count: count * rows * columns, file: file)
        let pixels = bytes[16...].map { Float($0) / 255 }
        return (count, rows, pixels)
    }

    /// Labels, each checked to be a class 0…9.
    static func labels(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let header = try read(bytes, magic: labelsMagic, rank: 1, file: file)
        try checkLength(bytes, header: 8, count: header[0], file: file)
        let labels = Array(bytes[8...])
        if let bad = labels.firstIndex(where: { $0 > 9 }) {
            throw FashionMNISTError("\(file): label \(labels[bad]) at index \(bad) is not a class 0…9")
        }
        return labels
    }

    private static func read(_ bytes: [UInt8], magic: UInt32, rank: Int, file: String) throws -> [Int] {
        let headerLength = 4 * (1 + rank)
        guard bytes.count >= headerLength else {
            throw FashionMNISTError("\(file): \(bytes.count) bytes is too short for an IDX header")
        }
        let words = (0...rank).map { i in
            bytes[4 * i..<4 * i + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        guard words[0] == magic else {
            throw FashionMNISTError("\(file): magic number 0x\(String(words[0], radix: 16)) is not 0x\(String(magic, radix: 16)); is this the right file?")
        }
        return words[1...].map { Int($0) }
    }

    private static func checkLength(_ bytes: [UInt8], header: Int, count: Int, file: String) throws {
        guard bytes.count - header == count else {
            throw FashionMNISTError("\(file): header announces \(count) bytes of data, the file has \(bytes.count - header)")
        }
    }
}
