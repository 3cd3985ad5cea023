import Foundation
import TestSupport
import Testing
@testable import FashionMNIST


@Suite(.timeLimit(.minutes(3))) struct IDXTests {
    @Test func readsSyntheticFiles() throws {
        let data = try FashionMNISTData.load(from: try SyntheticData().directory.path)
        #expect(data.train.count == 3 && data.test.count == 3)
        #expect(data.train.labels == [1, 9, 0])
        #expect(data.train.pixels.count == 3 * 784)
        #expect(data.train.pixels[1] == 1 / 255 && data.train.pixels[255] == 1)
    }

    func expectError(_ data: SyntheticData, containing text: String) {
        do {
            _ = try FashionMNISTData.load(from: data.directory.path)
            Issue.record("loaded corrupt data")
        } catch {
            #expect("\(error)".contains(text), "\(error)")
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func missingDirectoryNamesThePackage() {
        #expect(throws: FashionMNISTError("data directory /nonexistent not found: run `sudo apt-get install dataset-fashion-mnist` or pass --data-dir")) {
            _ = try FashionMNISTData.load(from: "/nonexistent")
        }
    }

    @Test func missingFile() throws {
        let data = try SyntheticData()
        try FileManager.default.removeItem(at: data.url("t10k-labels-idx1-ubyte.gz"))
        expectError(data, containing: "t10k-labels-idx1-ubyte.gz not found: run `sudo apt-get install dataset-fashion-mnist` or pass --data-dir")
    }

    @Test func wrongMagic() throws {
        expectError(try SyntheticData(imageMagic: 0x801), containing: "magic number 0x801 is not 0x803")
    }

    @Test func wrongImageSize() throws {
        expectError(try SyntheticData(side: 27), containing: "images are 27x27, expected 28x28")
    }

    @Test func countMismatch() throws {
        expectError(try SyntheticData(images: 2, labels: [1, 2, 3]), containing: "train-images-idx3-ubyte.gz has 2 images but train-labels-idx1-ubyte.gz has 3 labels")
    }

    @Test func labelAboveNine() throws {
        expectError(try SyntheticData(labels: [1, 10, 2]), containing: "label 10 at index 1 is not a class 0…9")
    }

    @Test func dataShorterThanTheHeaderSays() throws {
        let data = try SyntheticData()
        try data.write(SyntheticData.header([0x801, 5]) + [1, 2, 3], "train-labels-idx1-ubyte.gz")
        expectError(data, containing: "header announces 5 bytes of data, the file has 3")
    }

    @Test func truncatedGzip() throws {
        let data = try SyntheticData()
        let url = data.url("train-images-idx3-ubyte.gz")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        expectError(data, containing: "is truncated (the gzip stream ends early)")
    }

    @Test func corruptGzip() throws {
        let data = try SyntheticData()
        let url = data.url("train-images-idx3-ubyte.gz")
        var bytes = [UInt8](try Data(contentsOf: url))
        // Past the header and the stored file name, inside the deflate stream.
        for i in bytes.count / 2..<bytes.count / 2 + 16 { bytes[i] ^= 0x5a }
        try Data(bytes).write(to: url)
        expectError(data, containing: "is not a valid gzip file")
    }
}
