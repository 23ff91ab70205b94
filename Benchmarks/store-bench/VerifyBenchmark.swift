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

    @Option(
        help: "How many models, in the proportions of a typical store (gemma2:9b, llama3.1:8b, … nomic-embed-text).")
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
            try RandomBlobStore.write(
                to: URL(fileURLWithPath: storePath), totalSize: size.bytes, models: models, seed: "store-bench")
            print("generated in \(ContinuousClock.now - started)")
        }

        let facts = try StoreFacts(path: storePath)
        print(
            "store \(storePath): \(facts.blobs.count) blobs, \(facts.blobBytes) bytes; largest model blob \(facts.largestModel?.blobBytes ?? 0) bytes"
        )
        _ = try ChildProcess.shell("cat \(storePath)/blobs/* > /dev/null")  // warm the page cache

        var table = ResultTable(runs: measurement.runs)
        try PeerHashers.measure(into: &table, binary: binary, store: storePath, facts: facts, parallel: parallel)
        let report =
            Machine.summary + " Store: \(facts.blobs.count) random blobs, \(facts.blobBytes) bytes; "
            + "warm page cache, median of \(measurement.runs) runs.\n\n"
            + table.render(
                ratios: PeerHashers.ratios(parallel: parallel, facts: facts),
                rssLimits: [("ollama-scan verify --jobs \(parallel)", 64 << 20)])
        print(report)
        try measurement.writeMarkdown(report)
    }
}
