// swift-tools-version:6.1
import Foundation
import PackageDescription

// The fuzz targets live in their own package so that a plain `swift build` of ollama-scan never builds them
// (they need `-sanitize=fuzzer`). The package one folder up is ollama-scan itself; SwiftPM names a package
// found by path after its folder, which is whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let ollamaScan = root.lastPathComponent.lowercased()

/// A libFuzzer target: its main hands libFuzzer the entry point of one of ollama-scan's parsers.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: ollamaScan) })
}

let package = Package(
    name: "ollama-scan-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver"]),
        fuzzTarget("fuzz-gguf", ["GGUF", "OrderedJSON"]),
        fuzzTarget("fuzz-manifest", ["OllamaStore"]),
        fuzzTarget("fuzz-json", ["OrderedJSON"]),
        fuzzTarget("fuzz-registry", ["ImageWorksRegistry"]),
        fuzzTarget("fuzz-bundle", ["ModelBundle", "OllamaStore", "StoreWriting"]),
        fuzzTarget("fuzz-modelfile", ["ModelExport"]),
        // Built without sanitizers: writes the seed corpora from the project's own fixtures.
        .executableTarget(
            name: "fuzz-seeds",
            dependencies: ["FixtureKit", "FileIO", "GGUF", "ModelBundle", "ModelExport", "OllamaStore"].map {
                .product(name: $0, package: ollamaScan)
            }),
    ]
)
