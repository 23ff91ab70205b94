import ArgumentParser
import Dispatch
import Foundation
import Hashing
import OllamaStore
import OrderedJSON
import Verification

/// `ollama-scan verify`: hashes every blob and audits it against its content-addressed name.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every blob against its SHA-256 name and its declared size; report per blob and per model.",
        discussion: """
            Every blob a manifest references (configs and layers) is read once, however many models share it,
            by --jobs workers in parallel, largest first. Nothing in the store is written, renamed or repaired.

            Exit codes: 0 passed, 1 an integrity failure (mismatch, missing, size differs, unreadable, an
            invalid manifest; orphans and partial downloads only with --fail-on-orphans / --fail-on-partials),
            2 could not run (bad store, unknown model, usage), 130 interrupted (after printing what was checked).
            A blob that changed while it was read is reported as "changed", not as a failure.

            Example: ollama-scan verify --sample 3/7 --jobs 4
            """)

    @Argument(help: "Only the blobs of these models (default: every model in the store).")
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "How many blobs to hash at once (default: the number of active processors).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Compare sizes only, without reading any blob (fast, but blind to corruption that keeps the size).")
    var sizeOnly = false

    @Option(help: ArgumentHelp(
        "Hash only the K-th of N slices of the blobs, chosen by digest (the others get the size check).",
        valueName: "K/N"))
    var sample: String?

    @Flag(help: "Fail (exit 1) when blobs/ holds orphans: unreferenced blobs, temp files or foreign names.")
    var failOnOrphans = false

    @Flag(help: "Fail (exit 1) when blobs/ holds partial downloads.")
    var failOnPartials = false

    @Flag(name: .shortAndLong, help: "No progress line and no warnings on stderr.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let sample, SampleSlice(parsing: sample) == nil {
            throw ValidationError("--sample takes K/N with 1 <= K <= N, e.g. 2/7 (got \"\(sample)\").")
        }
        if sizeOnly && sample != nil { throw ValidationError("--size-only and --sample cannot be combined.") }
    }

    func run() throws {
        let scan = try storeOptions.scan(printWarnings: !quiet && !json, readingModelFiles: false)
        var selected: [ModelRecord]?
        if !models.isEmpty {
            var records: [ModelRecord] = []
            for query in models {
                let record = try StoreOptions.model(query, in: scan, exitCode: 2)
                if !records.contains(where: { $0.manifestPath == record.manifestPath }) { records.append(record) }
            }
            selected = records
        }
        let options = VerifyOptions(
            mode: sizeOnly ? .sizeOnly : .full, sample: sample.flatMap(SampleSlice.init(parsing:)),
            workerCount: jobs ?? BlobHasher.defaultWorkerCount)

        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        let meter = ProgressMeter.forStandardError(enabled: !quiet)
        let report: VerifyReport
        do {
            report = try StoreVerifier(scan: scan, options: options)
                .verify(models: selected, cancellation: cancellation, progress: meter?.callback)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        meter?.finish()
        interruptions.restore()

        if json {
            var output = StreamedOutput()
            output.writeLine(report.jsonDocument(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials))
        } else {
            print(VerifyReportText(report: report, failOnOrphans: failOnOrphans, failOnPartials: failOnPartials).render())
        }
        if report.interrupted { throw ExitCode(130) }
        if !report.passed(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials) { throw ExitCode(1) }
    }
}
