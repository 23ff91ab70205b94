import ArgumentParser
import FixtureKit
import Foundation
import OllamaStore

/// `store-bench run`: every measurement of the harness on one store, side by side with the peers.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Measure scan, GGUF header reads, verify, export, pack, unpack and import on a store, against floors and peers.",
        discussion: """
            Scan: ollama-scan models --json against cat of the same manifest and config files, on the store and
            on generated stores of --scan-sizes manifests. Header: ollama-scan gguf of every model blob against
            dd of the same header bytes. Verify: against xargs openssl dgst / sha256sum, hashdeep, rhash and the
            openssl speed ceiling. Import: --dry-run and --hash into a fresh registry. Every figure is the median
            of --runs runs (interleaved) with min and max; ratios are of median rates. Export: the largest model
            against cp and sync of its blob, and that followed by openssl dgst of the copy. Pack and unpack: the
            largest model into a bundle and out into an empty store, against tar -cf of the same files and tar -xf
            of that bundle. Build with -c release.

            Example: store-bench generate --out /tmp/s --models 20 --total-size 4GiB && store-bench run --store /tmp/s
            """)

    @OptionGroup var measurement: MeasurementOptions

    @Option(help: "The store to measure (only read).")
    var store: String

    @Flag(help: "Evict every file of the store from the page cache before each run.")
    var cold = false

    @Option(
        help: "Manifest counts of the generated stores for the scan scaling figures (comma-separated; empty for none).")
    var scanSizes = "100,1000,10000"

    @Option(
        help:
            "Layer counts of the generated one-model stores for the du and verify scaling figures (comma-separated; empty for none)."
    )
    var layerSizes = "3000,30000"

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    func validate() throws {
        if scanSizes.split(separator: ",").contains(where: { Int($0) == nil || Int($0)! < 1 }) {
            throw ValidationError("--scan-sizes takes positive counts separated by commas.")
        }
        if layerSizes.split(separator: ",").contains(where: { Int($0) == nil || Int($0)! < 1 }) {
            throw ValidationError("--layer-sizes takes positive counts separated by commas.")
        }
    }

    /// The time per item may grow by a third per tenfold input (the scan's linear-growth rule, 0.75 of the
    /// rate): more than that is a step that grows faster than the input.
    static let linearGrowthLimit = 10 / 0.75

    func run() throws {
        let binary = try measurement.binary()
        let parallel = measurement.parallel
        let facts = try StoreFacts(path: store)
        print(
            "store \(store): \(facts.manifests.count) manifests, \(facts.blobs.count) blobs, \(facts.blobBytes) bytes; \(facts.modelBlobs.count) model blobs"
        )
        let evict: (() throws -> Void)? = cold ? { PageCache.evict(facts.allFiles) } : nil
        if cold {
            PageCache.evict(facts.allFiles)
            if let resident = PageCache.residentBytes(facts.allFiles) {
                print("cold runs: after eviction \(resident) of \(facts.blobBytes) bytes stayed resident")
            } else {
                print("cold runs: install util-linux's fincore to see how much stays resident")
            }
        } else {
            _ = try ChildProcess.shell("find \(store) -type f -exec cat {} + > /dev/null")  // warm the cache
        }
        let scratch = try TemporaryDirectory(prefix: "store-bench-run")
        var table = ResultTable(runs: measurement.runs)
        var ratios: [(String, String, Double?)] = []

        // Scan, against reading the same manifest and config files and the GGUF headers it reads.
        let scanName = "ollama-scan models --json"
        let floorName = "cat of manifests and configs"
        let list = scratch.path + "/scan-files"
        try Data((facts.manifests + facts.configs).joined(separator: "\0").utf8).write(to: URL(fileURLWithPath: list))
        let dd = facts.modelBlobs.map { "dd if=\($0.path) of=/dev/null bs=\($0.headerBytes) count=1 status=none" }
            .joined(separator: "; ")
        let storeFloorName = floorName + ", dd of the GGUF headers"
        try table.measure(
            [
                (scanName, [binary, "models", "--json", "--store", store], facts.scanBytes + facts.headerBytes),
                (
                    storeFloorName, ["/bin/sh", "-c", "xargs -0 cat < \(list) > /dev/null; \(dd)"],
                    facts.scanBytes + facts.headerBytes
                ),
            ], beforeEachRun: evict)
        ratios.append((scanName, storeFloorName, nil))

        // Scan and import scaling on generated stores of tiny models.
        let importName = "ollama-scan import --dry-run"
        for size in scanSizes.split(separator: ",").compactMap({ Int($0) }) {
            let path = scratch.path + "/scan-\(size)"
            var options = StoreGenerator.Options(models: size, totalSize: Int64(size) * 8192, seed: "scan-\(size)")
            options.realisticHeaderThreshold = .max
            _ = try StoreGenerator(options: options).write(to: URL(fileURLWithPath: path))
            let sized = try StoreFacts(path: path)
            let files = path + ".list"
            try Data((sized.manifests + sized.configs).joined(separator: "\0").utf8).write(
                to: URL(fileURLWithPath: files))
            let registry = path + ".registry"
            try table.measure(
                [
                    ("\(scanName) (\(size) manifests)", [binary, "models", "--json", "--store", path], Int64(size)),
                    (
                        "\(floorName) (\(size) manifests)", ["/bin/sh", "-c", "xargs -0 cat < \(files) > /dev/null"],
                        Int64(size)
                    ),
                    (
                        "\(importName) (\(size) manifests)",
                        [
                            "/bin/sh", "-c",
                            "rm -rf \(registry) && \(binary) import --dry-run --store \(path) --registry-dir \(registry) > /dev/null",
                        ], Int64(size)
                    ),
                ], unit: .manifests)
            ratios.append(
                ("\(scanName) (\(size) manifests)", "\(floorName) (\(size) manifests)", size >= 10_000 ? 1.0 / 3 : nil))
        }
        // Linear growth: manifests per second at each size against 1,000 (or the smallest size above 100,
        // where start-up dominates); 0.75 allows the time per manifest to grow by a third.
        let sizes = scanSizes.split(separator: ",").compactMap { Int($0) }.sorted()
        var growths: [ResultTable.Growth] = []
        if let base = sizes.first(where: { $0 >= 1000 }) ?? sizes.last {
            for size in sizes where size > base {
                ratios.append(("\(scanName) (\(size) manifests)", "\(scanName) (\(base) manifests)", 0.75))
                growths.append(
                    .init(
                        large: "\(importName) (\(size) manifests)", small: "\(importName) (\(base) manifests)",
                        inputs: size,
                        base: base, limit: Self.linearGrowthLimit))
            }
        }

        // du and verify of one model with many layers (a safetensors model has one per tensor).
        let layerCounts = layerSizes.split(separator: ",").compactMap { Int($0) }.sorted()
        for count in layerCounts {
            let path = scratch.path + "/layers-\(count)"
            try WideModelStore.write(layers: count, to: URL(fileURLWithPath: path))
            try table.measure(
                [
                    (
                        "ollama-scan du (one model, \(count) layers)", [binary, "du", "--json", "--store", path],
                        Int64(count)
                    ),
                    (
                        "ollama-scan verify --jobs \(parallel) (one model, \(count) layers)",
                        [binary, "verify", "--json", "--jobs", "\(parallel)", "--store", path], Int64(count)
                    ),
                ], unit: .layers)
        }
        for (base, count) in zip(layerCounts, layerCounts.dropFirst()) {
            for command in ["ollama-scan du", "ollama-scan verify --jobs \(parallel)"] {
                growths.append(
                    .init(
                        large: "\(command) (one model, \(count) layers)",
                        small: "\(command) (one model, \(base) layers)",
                        inputs: count, base: base, limit: Self.linearGrowthLimit))
            }
        }

        // GGUF headers, against dd of the same bytes.
        let headerName = "ollama-scan gguf --json (every model blob)"
        let ddName = "dd of the same header bytes"
        try table.measure(
            [
                (headerName, [binary, "gguf", "--json"] + facts.modelBlobs.map(\.path), facts.headerBytes),
                (ddName, ["/bin/sh", "-c", dd], facts.headerBytes),
            ], beforeEachRun: evict)
        ratios.append((headerName, ddName, 0.5))

        // Verify.
        try PeerHashers.measure(
            into: &table, binary: binary, store: store, facts: facts, parallel: parallel, beforeEachRun: evict)
        let verify = "ollama-scan verify --jobs \(parallel)"
        ratios += PeerHashers.ratios(parallel: parallel, facts: facts)

        // Cold, the default (one read at a time on a disk that spins, every core hashing) against one job and
        // every job: the default must be at least as fast as the better of the two.
        if cold {
            let automatic = "ollama-scan verify, default jobs (cold)"
            let one = "ollama-scan verify --jobs 1 (cold)"
            let all = "ollama-scan verify --jobs \(parallel) (cold)"
            try table.measure(
                [
                    (automatic, [binary, "verify", "--quiet", "--store", store], facts.blobBytes),
                    (one, [binary, "verify", "--quiet", "--jobs", "1", "--store", store], facts.blobBytes),
                    (all, [binary, "verify", "--quiet", "--jobs", "\(parallel)", "--store", store], facts.blobBytes),
                ], beforeEachRun: evict)
            ratios += [(automatic, one, 0.9), (automatic, all, 0.9)]
        }

        // Incremental verify: a first run with an empty cache, then a second on the unchanged store, which
        // reads no blob; the ratio of their rates is the second run's time as a fraction of the first's.
        let cache = scratch.path + "/verify.sqlite"
        let incremental =
            "\(binary) verify --incremental --cache \(cache) --jobs \(parallel) --store \(store) -q > /dev/null"
        let firstIncremental = "ollama-scan verify --incremental --jobs \(parallel) (first run, empty cache)"
        let secondIncremental = "ollama-scan verify --incremental --jobs \(parallel) (second run, unchanged store)"
        try table.measure(
            [
                (
                    firstIncremental, ["/bin/sh", "-c", "rm -f \(cache) \(cache)-wal \(cache)-shm && \(incremental)"],
                    facts.blobBytes
                ),
                (secondIncremental, ["/bin/sh", "-c", incremental], facts.blobBytes),
            ], beforeEachRun: evict)
        ratios.append((firstIncremental, secondIncremental, nil))

        // Export of the largest model into a fresh folder each run, against copying its blob and flushing it
        // (the floor: export also flushes), and against that followed by hashing the copy (the two passes
        // export does in one).
        if let largest = facts.largestModel {
            let out = scratch.path + "/export"
            let export = "ollama-scan export \(largest.name) (copy, hashed in the same pass)"
            let copy = "cp and sync of its blob"
            let copyThenHash = "cp and sync of its blob, then openssl dgst -sha256 of the copy"
            let cp = "mkdir \(out) && cp \(largest.blobPath) \(out)/model.gguf && sync \(out)/model.gguf"
            try table.measure([
                (export, [binary, "export", largest.name, out, "--store", store, "-q"], largest.blobBytes),
                (copy, ["/bin/sh", "-c", cp], largest.blobBytes),
                (
                    copyThenHash, ["/bin/sh", "-c", "\(cp) && openssl dgst -sha256 \(out)/model.gguf > /dev/null"],
                    largest.blobBytes
                ),
            ]) {
                // Each run writes into an empty folder, with the previous run's writes already on the disk.
                try? FileManager.default.removeItem(atPath: out)
                sync()
                try evict?()
            }
            ratios += [(export, copy, 0.80), (export, copyThenHash, nil)]

            // The largest model into a bundle and out into an empty store, against tar doing the same with the
            // same files; pack and unpack also hash every byte, and flush what they write.
            let bundle = scratch.path + "/bundle.tar"
            let tarred = scratch.path + "/tarred.tar"
            let pack = "ollama-scan pack \(largest.name)"
            let tarCreate = "tar -cf of the same files"
            try table.measure([
                (
                    pack, [binary, "pack", largest.name, "-o", bundle, "--force", "--store", store, "-q"],
                    largest.blobBytes
                ),
                (tarCreate, ["tar", "-cf", tarred, "-C", store] + facts.largestModelFiles, largest.blobBytes),
            ]) {
                try? FileManager.default.removeItem(atPath: tarred)
                sync()
                try evict?()
            }
            let unpacked = scratch.path + "/unpacked"
            let extracted = scratch.path + "/extracted"
            let unpack = "ollama-scan unpack of that bundle"
            let tarExtract = "tar -xf of that bundle"
            try table.measure([
                (unpack, [binary, "unpack", bundle, "--store", unpacked, "--while-running"], largest.blobBytes),
                (
                    tarExtract, ["/bin/sh", "-c", "mkdir -p \(extracted) && tar -xf \(bundle) -C \(extracted)"],
                    largest.blobBytes
                ),
            ]) {
                for folder in [unpacked, extracted] { try? FileManager.default.removeItem(atPath: folder) }
                sync()
                try evict?()
            }
            ratios += [(pack, tarCreate, 0.90), (unpack, tarExtract, 0.90)]
        }

        // Import into a fresh registry each run.
        let registry = scratch.path + "/registry"
        try table.measure(
            [
                (
                    "ollama-scan import --dry-run",
                    [
                        "/bin/sh", "-c",
                        "rm -rf \(registry) && \(binary) import --dry-run --store \(store) --registry-dir \(registry) > /dev/null",
                    ], facts.scanBytes
                ),
                (
                    "ollama-scan import --hash --jobs \(parallel)",
                    [
                        "/bin/sh", "-c",
                        "rm -rf \(registry) && \(binary) import --hash --jobs \(parallel) --store \(store) --registry-dir \(registry) > /dev/null",
                    ], facts.blobBytes
                ),
            ], beforeEachRun: evict)
        ratios.append(("ollama-scan import --hash --jobs \(parallel)", verify, nil))

        var rssLimits: [(String, Int64)] = [(verify, 64 << 20)]
        if let largest = scanSizes.split(separator: ",").compactMap({ Int($0) }).max(), largest >= 100_000 {
            rssLimits.append(("\(scanName) (\(largest) manifests)", 256 << 20))
        }
        let report =
            Machine.summary + " Store: \(facts.manifests.count) manifests, \(facts.blobs.count) blobs, "
            + "\(facts.blobBytes) bytes; \(cold ? "cold" : "warm") page cache, median of \(measurement.runs) runs.\n\n"
            + table.render(ratios: ratios, growths: growths, rssLimits: rssLimits)
        print(report)
        try measurement.writeMarkdown(report)
        if let json {
            let object: [String: Any] = [
                "store": store, "runs": measurement.runs, "cold": cold, "jobs": parallel, "figures": table.jsonRows(),
                "ratios": ratios.compactMap { a, b, target -> [String: Any]? in
                    guard let ra = table.row(a), let rb = table.row(b) else { return nil }
                    var ratio: [String: Any] = [
                        "numerator": a, "denominator": b, "value": ra.rate.median / rb.rate.median,
                    ]
                    if let target { ratio["target"] = target }
                    return ratio
                },
                "growths": growths.compactMap { growth -> [String: Any]? in
                    guard let value = table.growthPerTenfold(growth) else { return nil }
                    return [
                        "larger": growth.large, "smaller": growth.small, "per_tenfold": value, "limit": growth.limit,
                    ]
                },
            ]
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(
                to: URL(fileURLWithPath: json))
        }
    }
}
