// swift-tools-version: 6.0
import PackageDescription

/// Release builds are whole-module optimised by SwiftPM, and Swift's default
/// cross-module optimisation already lets the command line and tests inline
/// the library's hot numeric code: W1 with `-cross-module-optimization` took
/// 2,559,280,341 instructions (callgrind, `bench --paths 4000 --threads 1`)
/// and without it 2,559,668,071. Without unsafe flags ALVHKit can be a
/// versioned dependency of other packages.
let numericSettings: [SwiftSetting] = []

let package = Package(
    name: "alvh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "alvh", targets: ["alvh"]),
        .library(name: "ALVHKit", targets: ["ALVHKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // MARK: - System library
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // MARK: - Vector pricing kernels (C, one source compiled per instruction-set tier)
        .target(name: "CPricingKernels"),
        // MARK: - Library
        .target(
            name: "ALVHKit",
            dependencies: [
                "CGSL",
                "CPricingKernels",
                .product(name: "Numerics", package: "swift-numerics"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: numericSettings
        ),
        // MARK: - Command line
        .executableTarget(
            name: "alvh",
            dependencies: [
                "ALVHKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: numericSettings,
            plugins: ["SourceRevision"]
        ),
        // MARK: - Build plugins
        .plugin(name: "SourceRevision", capability: .buildTool()),
        // MARK: - Tests
        .testTarget(
            name: "ALVHKitTests",
            dependencies: ["ALVHKit", "CGSL", "CPricingKernels", .product(name: "Yams", package: "Yams")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
