// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Descent",
    products: [
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Surfaces", targets: ["Surfaces"]),
        .library(name: "Scenes", targets: ["Scenes"]),
        .executable(name: "descent-bench", targets: ["descent-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "COptimizersShims"),
        .target(name: "Optimizers", dependencies: ["COptimizersShims"]),
        .target(name: "Surfaces"),
        .target(name: "Scenes", dependencies: ["Optimizers", "Surfaces"]),
        .executableTarget(
            name: "descent-bench",
            dependencies: ["Optimizers", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "custom-surface",
            dependencies: ["Optimizers", "Surfaces", "Scenes"],
            path: "Examples/custom-surface"
        ),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers"]),
        .testTarget(name: "SurfacesTests", dependencies: ["Surfaces"]),
        .testTarget(name: "ScenesTests", dependencies: ["Scenes"]),
        .testTarget(name: "ExamplesTests", dependencies: ["custom-surface"]),
    ]
)
