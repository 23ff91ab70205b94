import ArgumentParser
import Foundation
import Hashing
import OllamaStore
import OrderedJSON
import StoreRepair
import StoreWriting

/// `ollama-scan repair [MODEL…]`: verify, then fix what can be fixed.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "repair",
        abstract: "Verify, then move damaged blobs aside and restore good copies from other stores or bundles.",
        discussion: """
            Every blob of the models (all by default) is verified. One that is corrupt, truncated or the wrong \
            size is moved, not deleted, to the quarantine folder (beside the store by default, named with the \
            date), so that Ollama sees it missing and `ollama pull` downloads it again. With --from (another \
            store, or a bundle from pack; several are tried in order), each bad or missing blob a source holds \
            is copied in, verified before it gets its name, and the models are verified again. Each model is \
            reported repaired, needing `ollama pull` (the commands are listed), or not repairable and why; a \
            manifest that does not parse is never repaired by guessing. --dry-run says all of this and changes \
            nothing. It refuses while an Ollama server runs (--while-running overrides) and while another \
            ollama-scan writes (--wait waits). Exit 0 when every model is good, 1 when some still need a pull.
            """,
        examples: [
            "ollama-scan repair --dry-run", "ollama-scan repair llama3.2:3b --from /mnt/backup/.ollama/models",
            "ollama-scan repair --from models.tar",
        ])

    @Argument(help: "Only these models (default: every model in the store).", completion: ModelCompletion.kind)
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var writeOptions: WriteOptions

    @OptionGroup var jobsOptions: JobsOptions

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp(
            "Another store, or a bundle from pack, to take good copies from (repeatable).", valueName: "source"),
        completion: .file())
    var sources: [String] = []

    @Option(
        help: ArgumentHelp(
            "Where damaged blobs go (default: beside the store, ollama-scan-quarantine-<date>).", valueName: "dir"),
        completion: .directory)
    var quarantine: String?

    @Flag(help: "Say what would be moved, restored and pulled; change nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress line on stderr.")
    var quiet = false

    func run() throws {
        let root = try storeOptions.root()
        let writeGuard = dryRun ? nil : try writeOptions.guardStore(root)
        defer { writeGuard?.release() }
        let scan = try storeOptions.scan(readingModelFiles: false)
        let selected = models.isEmpty ? nil : try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan, selected: selected)
        for source in sources where !FileManager.default.fileExists(atPath: source) {
            throw CommandFailure.unusable("\(source): no such store or bundle")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let repairer = Repairer(
            scan: scan, sources: sources.map(RepairSource.init(path:)),
            quarantine: quarantine.map(Quarantine.init(folder:)) ?? .beside(scan.root, nowNanoseconds: now),
            jobs: jobsOptions.workerCount, readersPerRotationalDevice: jobsOptions.readersPerRotationalDevice)
        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        let meter = ProgressMeter.forStandardError(enabled: !quiet && !json, label: "repair")
        let report: RepairReport
        do {
            report = try repairer.run(
                models: selected, dryRun: dryRun, cancellation: cancellation, progress: meter?.callback)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        meter?.finish()
        interruptions.restore()
        if cancellation.isCancelled { throw CommandFailure(message: "interrupted before the repair", exitCode: 130) }
        if json {
            print(JSONWriter.pythonIndented(report.jsonValue(warnings: warnings.messages)))
        } else {
            print(Self.render(report))
            warnings.finish()
        }
        if !report.isComplete { throw ExitCode(1) }
    }

    static func render(_ report: RepairReport) -> String {
        var lines: [String] = []
        let would = report.dryRun ? "would be " : ""
        if report.blobs.isEmpty {
            lines.append("Every blob verified: nothing to repair.")
        }
        for blob in report.blobs {
            lines.append("\(blob.problem.uppercased())  \(blob.digest)")
            if let to = blob.quarantinedTo { lines.append("    \(would)moved to \(to)") }
            if let from = blob.restoredFrom { lines.append("    \(would)restored from \(from)") }
            if let failure = blob.failure { lines.append("    FAILED: \(failure)") }
            lines.append("    used by \(HumanFormat.list(blob.models))")
        }
        let broken = report.models.filter { $0.outcome != .ok }
        if !broken.isEmpty {
            lines += ["", "models:"]
            var table = TextTable(["MODEL", "OUTCOME"], flexible: [0])
            for model in broken {
                var details: [String] = []
                let outcome: String
                switch model.outcome {
                case .ok: outcome = "ok"
                case .repaired: outcome = report.dryRun ? "would be repaired" : "repaired"
                case .needsPull(let missing):
                    outcome = "needs ollama pull"
                    details = missing.map { "\($0.blobFileName) missing" }
                case .notRepairable(let reason):
                    outcome = "not repairable"
                    details = [reason]
                }
                table.add([model.name, outcome], details: details)
            }
            lines.append(table.render(width: Console.width))
        }
        let pulls = report.pullCommands
        if !pulls.isEmpty {
            lines += ["", "To restore the rest (a model made with ollama create must be created again):"]
            lines += pulls.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
