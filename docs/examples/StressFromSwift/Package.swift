// swift-tools-version: 6.0
// A package that uses ALVHKit as a versioned dependency. ALVH_SOURCE names
// where alvh's repository is (a URL, or a path given as file:///...); the
// version is the release tag.
import Foundation
import PackageDescription

let source = ProcessInfo.processInfo.environment["ALVH_SOURCE"] ?? "https://github.com/alvh/alvh"

let package = Package(
    name: "StressFromSwift",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: source, from: "0.1.0")],
    targets: [
        .executableTarget(name: "StressFromSwift", dependencies: [.product(name: "ALVHKit", package: "alvh")])
    ]
)
