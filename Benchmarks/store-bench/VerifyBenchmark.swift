import ArgumentParser
import FixtureKit
import Foundation

/// `store-bench verify`: `ollama-scan verify` against `xargs openssl dgst`, `xargs sha256sum` and the
/// `openssl speed` ceiling, on a store of random blobs, warm cache, every figure the median of --runs runs.
struct VerifyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare ollama-scan verify with openssl dgst, sha256sum and the openssl speed ceiling.",
        discussion: """
            Builds a store of random blobs (or uses --store), reads it once so the page cache is warm, then runs
            each command --runs times, interleaved, after one unmeasured warm-up each. The store must fit in
            memory for a warm-cache figure. Build first: swift build -c release.

            Example: swift run -c release store-bench verify --size 4GiB --runs 5
            """)

    @OptionGroup var measurement: MeasurementOptions

    @Option(help: "Total size of the generated model blobs.")
    var size = ByteSize(argument: "4GiB")!

    @Option(help: "How many models, in the proportions of a typical store (gemma2:9b, llama3.1:8b, … nomic-embed-text).")
    var models = RandomBlobStore.typicalStore.count

    @Option(help: "Use this store (it is only read); if it does not exist, generate it there and keep it.")
    var store: String?

    func validate() throws {
        if models < 1 { throw ValidationError("--models must be at least 1.") }
    }

    func run() throws {
        let binary = try measurement.binary()
        let parallel = measurement.parallel

        var temporary: TemporaryDirectory?
        let storePath: String
        if let store {
            storePath = store
        } else {
            temporary = try TemporaryDirectory(prefix: "store-bench")
            storePath = temporary!.path
        }
        defer { withExtendedLifetime(temporary) {} }
        if store == nil || !FileManager.default.fileExists(atPath: storePath) {
            print("generating \(models) models, \(size.bytes) bytes of random blobs in \(storePath)")
            let started = ContinuousClock.now
            try RandomBlobStore.write(to: URL(fileURLWithPath: storePath), totalSize: size.bytes, models: models, seed: "store-bench")
            print("generated in \(ContinuousClock.now - started)")
        }

        let blobs = try FileManager.default.contentsOfDirectory(atPath: storePath + "/blobs")
            .map { storePath + "/blobs/" + $0 }
        let sizes = try blobs.map { Int64(try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0) }
        let totalBytes = sizes.reduce(0, +)
        let largest = blobs[sizes.indices.max { sizes[$0] < sizes[$1] }!]
        let largestBytes = sizes.max()!
        print("store \(storePath): \(blobs.count) blobs, \(totalBytes) bytes; largest blob \(largestBytes) bytes")
        _ = try ChildProcess.shell("cat \(storePath)/blobs/* > /dev/null")  // warm the page cache

        let largestModel = try largestModelName(storePath: storePath, blob: largest)
        var table = ResultTable(runs: measurement.runs)
        try PeerHashers.measure(into: &table, binary: binary, store: storePath, totalBytes: totalBytes, parallel: parallel)
        // One large blob alone: a single stream cannot use a second core.
        try table.measure([
            ("ollama-scan verify \(largestModel) --jobs 1", [binary, "verify", largestModel, "--quiet", "--jobs", "1", "--store", storePath], largestBytes),
            ("openssl dgst -sha256 (largest blob)", ["openssl", "dgst", "-sha256", largest], largestBytes),
        ])

        let report = table.render(ratios: [
            ("ollama-scan verify --jobs \(parallel)", "openssl speed -multi \(parallel)", 0.90),
            ("ollama-scan verify --jobs \(parallel)", "xargs -P \(parallel) openssl dgst -sha256", 1.10),
            ("ollama-scan verify --jobs \(parallel)", "xargs -P \(parallel) sha256sum", nil),
            ("ollama-scan verify --jobs \(parallel)", "hashdeep -c sha256 -j \(parallel)", 4.0),
            ("ollama-scan verify --jobs 1", "rhash --sha256", nil),
            ("ollama-scan verify --jobs 1", "openssl speed", nil),
            ("ollama-scan verify \(largestModel) --jobs 1", "openssl speed", 0.90),
            ("ollama-scan verify \(largestModel) --jobs 1", "openssl dgst -sha256 (largest blob)", nil),
        ], rssLimits: [("ollama-scan verify --jobs \(parallel)", 64 << 20)])
        print(report)
        try measurement.writeMarkdown(report)
    }

    /// The model whose model layer is `blob` (the generated store's bench-0, or the largest in a real one).
    private func largestModelName(storePath: String, blob: String) throws -> String {
        let hex = String(blob.suffix(64))
        let result = try ChildProcess.output(["sh", "-c", "grep -rl \(hex) \(storePath)/manifests | head -n 1"])
        let parts = result.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").suffix(4)
        guard parts.count == 4 else { throw BenchmarkError("no manifest references \(blob)") }
        let host = parts[parts.startIndex], namespace = parts[parts.startIndex + 1]
        let prefix = host == "registry.ollama.ai" ? (namespace == "library" ? "" : "\(namespace)/") : "\(host)/\(namespace)/"
        return "\(prefix)\(parts[parts.startIndex + 2]):\(parts[parts.startIndex + 3])"
    }
}
