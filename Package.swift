// swift-tools-version:6.1
import PackageDescription

// Tools 6.1: what GRDB 7.10 and swift-system 1.8 ask for (Xcode 16.3 or a Swift 6.1 toolchain). macOS 15: the
// hashing engine's workers share their progress and cancellation through Synchronization's `Atomic` and `Mutex`.
let package = Package(
    name: "ollama-scan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ollama-scan", targets: ["ollama-scan"]),
        .library(name: "OllamaStore", targets: ["OllamaStore"]),
        .library(name: "GGUF", targets: ["GGUF"]),
        .library(name: "Hashing", targets: ["Hashing"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "ImageWorksRegistry", targets: ["ImageWorksRegistry"]),
        .library(name: "RegistryImport", targets: ["RegistryImport"]),
        .library(name: "StoreCare", targets: ["StoreCare"]),
        .library(name: "StoreWriting", targets: ["StoreWriting"]),
        .library(name: "ModelBundle", targets: ["ModelBundle"]),
        .library(name: "StoreRepair", targets: ["StoreRepair"]),
        .library(name: "ModelExport", targets: ["ModelExport"]),
        .library(name: "VerificationCache", targets: ["VerificationCache"]),
        .library(name: "StoreMetrics", targets: ["StoreMetrics"]),
        .library(name: "ModelSBOM", targets: ["ModelSBOM"]),
        // For the fuzz package in Fuzz/: the JSON reader it fuzzes, and the files and fixtures its seeds come from.
        .library(name: "OrderedJSON", targets: ["OrderedJSON"]),
        .library(name: "FileIO", targets: ["FileIO"]),
        .library(name: "FixtureKit", targets: ["FixtureKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        // 1.7 brought `Stat`, which FileIO reads file facts through on every platform.
        .package(url: "https://github.com/apple/swift-system", from: "1.7.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The Prometheus text exposition format, for verify's and du's --metrics files.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // OpenSSL's libcrypto, for SHA-256 through the EVP digest API on Linux (Apple platforms use CryptoKit).
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "FileIO", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(
            name: "Hashing",
            dependencies: [.target(name: "CLibCrypto", condition: .when(platforms: [.linux])), "FileIO"]),
        .target(name: "OrderedJSON"),
        .target(name: "GGUF", dependencies: ["FileIO", "OrderedJSON"]),
        .target(name: "OllamaStore", dependencies: ["GGUF", "Hashing", "FileIO", "OrderedJSON"]),
        .target(name: "Verification", dependencies: ["OllamaStore", "Hashing", "FileIO", "OrderedJSON"]),
        // The ImageWorks registry itself: its files, entries, value rules, locking and atomic saving.
        .target(name: "ImageWorksRegistry", dependencies: ["OrderedJSON", "FileIO"]),
        // The Ollama-to-registry mapping: import, backfill, normalize, the listing's installed check.
        .target(
            name: "RegistryImport",
            dependencies: [
                "ImageWorksRegistry", "OrderedJSON", "OllamaStore", "GGUF", "Verification", "Hashing", "FileIO",
            ]),
        // Reading where the disk went: usage, sharing, leftovers, partial downloads.
        .target(name: "StoreCare", dependencies: ["OllamaStore", "FileIO", "OrderedJSON"]),
        // Everything that changes the store, under one protocol: the guard (no Ollama running, one writer),
        // blobs verified before their final name, manifests last; prune, rm, repair.
        .target(name: "StoreWriting", dependencies: ["OllamaStore", "FileIO", "Hashing", "OrderedJSON"]),
        .target(
            name: "VerificationCache",
            dependencies: [
                "Verification", "OllamaStore", "FileIO", "Hashing", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Sorting and filtering the rows of a listing: --sort, --filter, --limit.
        .target(name: "Listing", dependencies: ["OllamaStore"]),
        // Bundles for moving models between machines: a tar writer and reader, pack and unpack.
        .target(
            name: "ModelBundle", dependencies: ["StoreWriting", "OllamaStore", "FileIO", "Hashing", "OrderedJSON"]),
        // Verify, then fix: damaged blobs quarantined, good copies taken from other stores or bundles.
        .target(
            name: "StoreRepair",
            dependencies: ["Verification", "StoreWriting", "ModelBundle", "OllamaStore", "FileIO", "Hashing"]),
        // Prometheus text files of verify's and du's results, for node_exporter's textfile collector.
        .target(
            name: "StoreMetrics",
            dependencies: [
                "Verification", "StoreCare", "FileIO", .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        // A CycloneDX ML-BOM of the store's models.
        .target(name: "ModelSBOM", dependencies: ["OllamaStore", "Hashing", "FileIO", "OrderedJSON"]),
        .target(name: "ModelExport", dependencies: ["OllamaStore", "Hashing", "FileIO", "OrderedJSON"]),
        .target(name: "FixtureKit", dependencies: ["Hashing", "OrderedJSON", "GGUF", "OllamaStore", "FileIO"]),
        .executableTarget(
            name: "ollama-scan",
            dependencies: [
                "OllamaStore", "GGUF", "OrderedJSON", "Verification", "Hashing", "ImageWorksRegistry", "RegistryImport",
                "StoreCare", "StoreWriting", "ModelBundle", "StoreRepair",
                "ModelExport",
                "VerificationCache", "Listing", "StoreMetrics", "ModelSBOM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "make-fixtures", dependencies: ["FixtureKit"]),
        .executableTarget(
            name: "store-bench",
            dependencies: [
                "FixtureKit", "OrderedJSON", "OllamaStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/store-bench"
        ),

        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "FixtureKit"]),
        .testTarget(name: "HashingTests", dependencies: ["Hashing", "FixtureKit", "FileIO"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "OllamaStore", "FixtureKit", "Hashing"]),
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "ModelSBOMTests", dependencies: ["ModelSBOM"]),
        .testTarget(name: "ListingTests", dependencies: ["Listing"]),
        .testTarget(name: "ModelBundleTests", dependencies: ["ModelBundle", "FileIO", "FixtureKit"]),
        .testTarget(name: "GGUFTests", dependencies: ["GGUF", "FixtureKit"]),
        .testTarget(name: "OllamaStoreTests", dependencies: ["OllamaStore", "FixtureKit", "GGUF"]),
        .testTarget(
            name: "ImageWorksRegistryTests",
            dependencies: ["ImageWorksRegistry", "OrderedJSON", "FixtureKit", "Hashing", "FileIO"]),
        .testTarget(
            name: "RegistryImportTests",
            dependencies: [
                "RegistryImport", "ImageWorksRegistry", "OrderedJSON", "FixtureKit", "Hashing", "OllamaStore",
            ]),
        .testTarget(
            name: "BenchmarkTests",
            dependencies: ["FixtureKit", "OllamaStore", "Verification", "store-bench", "ollama-scan"]),
        .testTarget(
            name: "StoreCareTests", dependencies: ["StoreCare", "OllamaStore", "FixtureKit", "Hashing", "FileIO"]),
        .testTarget(
            name: "StoreWritingTests",
            dependencies: ["StoreWriting", "StoreCare", "OllamaStore", "FixtureKit", "Hashing", "FileIO"]),
        .testTarget(
            name: "VerificationCacheTests",
            dependencies: [
                "VerificationCache", "Verification", "OllamaStore", "FixtureKit", "FileIO", "Hashing",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ModelExportTests", dependencies: ["ModelExport", "OllamaStore", "FixtureKit", "GGUF", "Hashing"]),
        .testTarget(name: "OllamaScanTests", dependencies: ["ollama-scan", "FixtureKit", "OrderedJSON"]),
    ]
)
