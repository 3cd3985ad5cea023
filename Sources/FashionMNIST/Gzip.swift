import CZlib
import Foundation

/// Reads a whole gzip file through zlib, throwing on a missing, truncated or corrupt file.
func gunzip(_ url: URL) throws -> [UInt8] {
    guard let file = gzopen(url.path, "rb") else {
        throw FashionMNISTError("cannot open \(url.path)")
    }
    defer { gzclose_r(file) }
    gzbuffer(file, 1 << 17)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
        if read < 0 { break }
        bytes.append(contentsOf: chunk[0..<Int(read)])
        if read < chunk.count { break }
    }
    var code: Int32 = Z_OK
    let message = String(cString: gzerror(file, &code))
    switch code {
    case Z_OK: return bytes
    case Z_BUF_ERROR: throw FashionMNISTError("\(url.path) is truncated (the gzip stream ends early); reinstall dataset-fashion-mnist")
    default: throw FashionMNISTError("\(url.path) is not a valid gzip file (\(message)); reinstall dataset-fashion-mnist")
    }
}
