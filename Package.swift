// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "skbviz",
    platforms: [.macOS(.v15)],  // 15: `Synchronization.Atomic` (explore's workers)
    products: [
        .executable(name: "skbviz", targets: ["skbviz"]),
        .library(name: "VizModel", targets: ["VizModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "VizModel"),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .executableTarget(
            name: "skbviz",
            dependencies: [
                "VizModel",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VizModelTests", dependencies: ["VizModel"], exclude: ["Golden"]),
        .testTarget(name: "skbvizTests", dependencies: ["skbviz", "VizModel"]),
    ],
    swiftLanguageModes: [.v6]
)
