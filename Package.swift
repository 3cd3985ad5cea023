// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Descent",
    products: [
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Surfaces", targets: ["Surfaces"]),
        .library(name: "Scenes", targets: ["Scenes"]),
        .library(name: "ScenePictures", targets: ["ScenePictures"]),
        .library(name: "FashionMNIST", targets: ["FashionMNIST"]),
        .library(name: "Landscape", targets: ["Landscape"]),
        .library(name: "Comparison", targets: ["Comparison"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .executable(name: "trajectories", targets: ["trajectories"]),
        .executable(name: "mnist-compare", targets: ["mnist-compare"]),
        .executable(name: "explorer", targets: ["ExplorerCommand"]),
        .executable(name: "descent-bench", targets: ["descent-bench"]),
        .library(name: "Explorer", targets: ["Explorer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        // No traits: the explorer needs neither swift-configuration nor full Foundation in the server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        // Hummingbird's own dependencies, named for the types the explorer uses directly.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // Hummingbird's own too; the tests run its services and use NIO's HTTP/1 client pieces.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        // Documentation: `swift package generate-documentation` (DocC; a plugin, nothing linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The guides and command references a user reads in order (Descent.docc); no code.
        .target(name: "Descent", path: "Sources/Descent"),
        .target(name: "COptimizersShims"),
        .target(name: "Optimizers", dependencies: ["COptimizersShims"]),
        .target(name: "Surfaces"),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CFloatEnvironment"),
        .target(name: "FashionMNIST", dependencies: ["Optimizers", "CBLAS", "CDNNL", "CZlib", "CFloatEnvironment"]),
        .target(name: "Landscape", dependencies: ["FashionMNIST", "Optimizers", "Rendering", "ScenePictures", "CBLAS"]),
        // The fair comparison: validation split, trials, choice, reruns, shares; its charts.
        .target(name: "Comparison", dependencies: ["FashionMNIST", "Optimizers", "Rendering", "ScenePictures"]),
        .target(name: "CFMAPeak"),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),
        .target(name: "Rendering", dependencies: ["CCairo", "CPNG", "CGIF"]),
        .target(name: "Scenes", dependencies: ["Optimizers", "Surfaces"]),
        .target(name: "ScenePictures", dependencies: ["Scenes", "Surfaces", "Optimizers", "Rendering"]),
        .target(
            name: "Explorer",
            dependencies: ["Scenes", "ScenePictures", "Surfaces", "Optimizers", "Rendering", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Public")]
        ),
        // A W3C WebDriver client for Debian's chromedriver over a few-line SwiftNIO HTTP client: the
        // browser tests and the explorer's playback benchmark drive headless Chromium with it.
        .target(name: "BrowserDriver", dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                                                      .product(name: "NIOHTTP1", package: "swift-nio")]),
        .target(name: "CommandLineSupport", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "trajectories",
            dependencies: ["Scenes", "ScenePictures", "Rendering", "Surfaces", "Optimizers", "CommandLineSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "mnist-compare",
            dependencies: ["FashionMNIST", "Landscape", "Comparison", "Optimizers", "Rendering", "ScenePictures", "CommandLineSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The explorer's server: its own executable, so that rendering never builds an HTTP stack.
        .executableTarget(
            name: "ExplorerCommand",
            dependencies: ["Explorer", "Scenes", "CommandLineSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/explorer"
        ),
        .executableTarget(
            name: "descent-bench",
            dependencies: ["Optimizers", "FashionMNIST", "Landscape", "CFMAPeak", "CommandLineSupport", "Scenes", "ScenePictures", "Rendering", "Explorer", "Surfaces",
                           "BrowserDriver",
                           .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "custom-surface",
            dependencies: ["Optimizers", "Surfaces", "Scenes"],
            path: "Examples/custom-surface"
        ),
        .target(name: "TestSupport", dependencies: ["CPNG"], path: "Tests/TestSupport"),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers"], exclude: ["Fixtures"]),
        .testTarget(name: "SurfacesTests", dependencies: ["Surfaces"]),
        .testTarget(name: "ScenesTests", dependencies: ["Scenes"]),
        .testTarget(name: "ScenePicturesTests", dependencies: ["ScenePictures", "Rendering"]),
        .testTarget(name: "FashionMNISTTests", dependencies: ["FashionMNIST", "mnist-compare", "TestSupport"]),
        .testTarget(name: "ComparisonTests", dependencies: ["Comparison", "FashionMNIST", "mnist-compare", "TestSupport"]),
        .testTarget(name: "LandscapeTests", dependencies: ["Landscape", "FashionMNIST", "mnist-compare", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "CPNG", "CGIF", "TestSupport"]),
        .testTarget(name: "ExamplesTests", dependencies: ["custom-surface", "TestSupport"]),
        .testTarget(name: "TrajectoriesTests", dependencies: ["trajectories", "TestSupport"]),
        .testTarget(name: "ExplorerTests", dependencies: [
            "Explorer", "ExplorerCommand", "BrowserDriver", "TestSupport", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
