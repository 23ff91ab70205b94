import ArgumentParser
import Dispatch
import Foundation
import Hashing
import OllamaStore
import OrderedJSON
import Verification
import VerificationCache

/// `ollama-scan verify`: hashes every blob and audits it against its content-addressed name.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "verify",
        abstract: "Check every blob against its SHA-256 name and its declared size; report per blob and per model.",
        discussion: """
            Every blob a manifest references (configs and layers) is read once, however many models share it, \
            by --jobs workers in parallel, largest first. Nothing in the store is written, renamed or repaired.

            A blob whose bytes hash to its name is good. A model fails when one of its blobs is bad or when its \
            own manifest declares a size its blob does not have, and its verdict is the same whether it is \
            checked alone, with others or in the whole store. Orphans and partial downloads fail the run only \
            with --fail-on-orphans / --fail-on-partials. A blob that changed while it was read is reported as \
            "changed", not as a failure. Interrupted, it prints what was checked and exits 130.

            --incremental trusts a blob whose file (device, inode, size, mtime, ctime) is unchanged since its \
            bytes last hashed to its name, within --max-age, without reading it ("ok (cached)"); the rest are \
            hashed and remembered in --cache (an SQLite file, never inside the store). The cache cannot see \
            corruption that changes no metadata (a bad disk sector, a write that restores the times); --max-age \
            bounds how long such damage can go unseen. With --incremental, --sample K/N is the slice read in \
            full whatever the cache says, so that rotating K reads every blob every N runs.
            """,
        examples: [
            "ollama-scan verify", "ollama-scan verify llama3.2:3b qwen3", "ollama-scan verify --sample 3/7 --jobs 4",
            "ollama-scan verify --incremental --max-age 7d -q --json",
        ])

    @Argument(
        help: "Only the blobs of these models (default: every model in the store).", completion: ModelCompletion.kind)
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Compare sizes only, without reading any blob (fast, but blind to corruption that keeps the size).")
    var sizeOnly = false

    @Option(
        help: ArgumentHelp(
            "Hash only the K-th of N slices of the blobs, chosen by digest (the others get the size check).",
            valueName: "K/N"))
    var sample: String?

    @Flag(help: "Fail (exit 1) when blobs/ holds orphans: unreferenced blobs, temp files or foreign names.")
    var failOnOrphans = false

    @Flag(help: "Fail (exit 1) when blobs/ holds partial downloads.")
    var failOnPartials = false

    @Flag(name: .shortAndLong, help: "No progress line and no warnings on stderr.")
    var quiet = false

    @Flag(help: "Skip blobs whose file is unchanged since they last hashed to their names (see --max-age, --cache).")
    var incremental = false

    @Option(
        help: ArgumentHelp(
            "With --incremental: trust a verification for this long: 7d, 12h, 0 (default 30d).", valueName: "duration"))
    var maxAge: String?

    @Option(
        help: ArgumentHelp(
            "With --incremental: the cache file (default $XDG_CACHE_HOME/ollama-scan/verify.sqlite, else ~/.cache/…).",
            valueName: "file"), completion: .file())
    var cache: String?

    @OptionGroup var metricsOptions: MetricsOptions

    static let defaultMaxAge = "30d"

    func validate() throws {
        if let sample, SampleSlice(parsing: sample) == nil {
            throw ValidationError("--sample takes K/N with 1 <= K <= N, e.g. 2/7 (got \"\(sample)\").")
        }
        if sizeOnly && sample != nil { throw ValidationError("--size-only and --sample cannot be combined.") }
        if let maxAge, HumanFormat.durationNanoseconds(parsing: maxAge) == nil {
            throw ValidationError("--max-age takes a duration such as 30d, 12h, 90m or 0 (got \"\(maxAge)\").")
        }
        if !incremental && (maxAge != nil || cache != nil) {
            throw ValidationError("--max-age and --cache take effect only with --incremental.")
        }
        if incremental && sizeOnly { throw ValidationError("--incremental and --size-only cannot be combined.") }
    }

    func run() throws {
        let scan = try storeOptions.scan(readingModelFiles: false)
        let selected = models.isEmpty ? nil : try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: !quiet && !json)
        warnings.add(scan, selected: selected)
        let options = VerifyOptions(
            mode: sizeOnly ? .sizeOnly : .full, sample: sample.flatMap(SampleSlice.init(parsing:)),
            workerCount: jobsOptions.workerCount, readersPerRotationalDevice: jobsOptions.readersPerRotationalDevice)

        let memory = try incremental ? openCache(store: scan.root, warnings: &warnings) : nil

        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        let meter = ProgressMeter.forStandardError(enabled: !quiet)
        let report: VerifyReport
        do {
            report = try StoreVerifier(scan: scan, options: options)
                .verify(models: selected, memory: memory, cancellation: cancellation, progress: meter?.callback)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        meter?.finish()
        interruptions.restore()
        do {
            // An interrupted run still remembers what it finished; only a whole-store run forgets removed blobs.
            try memory?.save(report, coversStore: selected == nil && !report.interrupted)
        } catch {
            warnings.add("the verification cache \(memory?.path ?? "") was not updated: \(error)")
        }

        if json {
            var output = StreamedOutput()
            output.writeLine(
                report.jsonDocument(
                    failOnOrphans: failOnOrphans, failOnPartials: failOnPartials, warnings: warnings.messages))
        } else {
            print(
                VerifyReportText(
                    report: report, failOnOrphans: failOnOrphans, failOnPartials: failOnPartials,
                    maxAge: incremental ? (maxAge ?? Self.defaultMaxAge) : nil, width: Console.width
                ).render())
            warnings.finish()
        }
        let passed = report.passed(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials)
        try metricsOptions.write(store: scan.root.path) { $0.addVerify(report, passed: passed && !report.interrupted) }
        if report.interrupted { throw ExitCode(130) }
        if !passed { throw ExitCode(1) }
    }

    /// The cache `--incremental` reads and updates; never a file inside the store.
    private func openCache(store: StoreRoot, warnings: inout CommandWarnings) throws -> VerificationCache {
        let path: String
        do {
            path = try VerificationCache.location(
                explicit: cache, store: store, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        let cache = VerificationCache(
            path: path, maxAgeNanoseconds: HumanFormat.durationNanoseconds(parsing: maxAge ?? Self.defaultMaxAge)!,
            now: Int64(Date().timeIntervalSince1970 * 1e9))
        cache.warnings.forEach { warnings.add($0) }
        return cache
    }
}
