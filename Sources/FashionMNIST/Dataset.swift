import Foundation

/// Images with their labels: `pixels` holds `count` rows of 784 Floats in [0, 1].
public struct LabeledImages: Sendable {
    /// How many images.
    public let count: Int
    /// `count` rows of 784 pixels in [0, 1].
    public let pixels: [Float]
    /// Each image's class, 0 to 9.
    public let labels: [UInt8]

    /// Pixels per image.
    public static let features = 784
    /// Number of classes.
    public static let classes = 10

    /// `pixels` (784 a row) with one label per row.
    public init(pixels: [Float], labels: [UInt8]) {
        precondition(pixels.count == labels.count * Self.features)
        self.count = labels.count
        self.pixels = pixels
        self.labels = labels
    }

    /// The first `n` images (all of them when `n` is nil or larger).
    public func prefix(_ n: Int?) -> LabeledImages {
        guard let n, n < count else { return self }
        return slice(0..<n)
    }

    /// The images at `range`.
    public func slice(_ range: Range<Int>) -> LabeledImages {
        LabeledImages(pixels: Array(pixels[range.lowerBound * Self.features..<range.upperBound * Self.features]), labels: Array(labels[range]))
    }
}

/// The Fashion-MNIST training and test sets.
public struct FashionMNISTData: Sendable {
    /// The 60,000 training images.
    public let train: LabeledImages
    /// The 10,000 test images.
    public let test: LabeledImages

    /// Where Debian's `dataset-fashion-mnist` installs the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// Reads the four gzip'd IDX files from `directory`.
    public static func load(from directory: String = defaultDirectory) throws -> FashionMNISTData {
        FashionMNISTData(train: try loadTrain(from: directory), test: try loadTest(from: directory))
    }

    /// Reads only the 60,000 training images from `directory` (the test files are not opened).
    public static func loadTrain(from directory: String = defaultDirectory) throws -> LabeledImages {
        try set(in: try checked(directory), images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz")
    }

    /// Reads only the 10,000 test images from `directory`.
    public static func loadTest(from directory: String = defaultDirectory) throws -> LabeledImages {
        try set(in: try checked(directory), images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz")
    }

    private static func checked(_ directory: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FashionMNISTError("data directory \(directory) not found: run `sudo apt-get install dataset-fashion-mnist` or pass --data-dir")
        }
        return directory
    }

    static func set(in directory: String, images: String, labels: String) throws -> LabeledImages {
        let imageURL = URL(fileURLWithPath: directory).appendingPathComponent(images)
        let labelURL = URL(fileURLWithPath: directory).appendingPathComponent(labels)
        for url in [imageURL, labelURL] where !FileManager.default.fileExists(atPath: url.path) {
            throw FashionMNISTError("\(url.path) not found: run `sudo apt-get install dataset-fashion-mnist` or pass --data-dir")
        }
        let image = try IDX.images(try gunzip(imageURL), file: imageURL.path)
        let label = try IDX.labels(try gunzip(labelURL), file: labelURL.path)
        guard image.count == label.count else {
            throw FashionMNISTError("\(imageURL.lastPathComponent) has \(image.count) images but \(labelURL.lastPathComponent) has \(label.count) labels")
        }
        return LabeledImages(pixels: image.pixels, labels: label)
    }
}
