import ArgumentParser
import Foundation
import OllamaStore
import OrderedJSON
import StoreWriting
import Verification

/// `ollama-scan prune`: deletes the orphans, safely; without `--apply` only says what it would delete.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "prune", abstract: "Delete unreferenced blobs and temp files from blobs/ (a dry run unless --apply).",
        discussion: """
            Deletes only what orphans lists as unreferenced blobs and temp files (partial downloads only with \
            --include-partials), never anything modified within the grace period, never a file whose name is \
            not a blob name. Right before each deletion the manifests are read again, so a pull that finishes \
            meanwhile keeps its blobs. It refuses to start while a manifest does not parse (as Ollama does), \
            and stops, exiting 2, if one stops parsing during the run. --apply refuses while an Ollama server \
            runs (--while-running overrides: a pull that finishes between the last check and a deletion could \
            lose a blob) and while another ollama-scan writes to the store (--wait waits).
            """,
        examples: ["ollama-scan prune", "ollama-scan prune --apply", "ollama-scan prune --apply --grace 0"])

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Delete. Without it, print what would be deleted and the bytes it would free.")
    var apply = false

    @OptionGroup var writeOptions: WriteOptions

    @Option(
        help: ArgumentHelp(
            "Keep files modified less than this long ago (Ollama keeps them for 1h): 90s, 30m, 2d, 1h30m or 0.",
            valueName: "duration"))
    var grace = "1h"

    @Flag(help: "Delete partial downloads too (a later pull would otherwise resume them).")
    var includePartials = false

    @Flag(
        help:
            "Print JSON: {\"store\", \"applied\", \"grace\", …, \"files\", \"stopped\", \"warnings\"}."
    )
    var json = false

    func validate() throws {
        if HumanFormat.durationNanoseconds(parsing: grace) == nil {
            throw ValidationError("--grace takes a duration such as 90s, 30m, 1h, 2d or 1h30m (got \"\(grace)\").")
        }
    }

    func run() throws {
        // The guard is taken before the scan, so that what is deleted is judged with no other writer of ours
        // between.
        let writeGuard = apply ? try writeOptions.guardStore(try storeOptions.root()) : nil
        defer { writeGuard?.release() }
        let scan = try storeOptions.scan(readingModelFiles: false)
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan)
        let options = PruneOptions(
            gracePeriodNanoseconds: HumanFormat.durationNanoseconds(parsing: grace)!, includesPartials: includePartials)
        let pruner = Pruner(scan: scan, options: options)
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        var decisions: [PruneDecision]
        do {
            decisions = try pruner.plan(now: now)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        let servers = writeGuard?.ollamaProcesses ?? OllamaServer.runningProcessIDs()
        if !servers.isEmpty {
            warnings.add(
                "an Ollama server seems to be running (pid \(servers.map(String.init).joined(separator: ", "))); it prunes and pulls on its own"
            )
        }
        if apply { decisions = pruner.apply(decisions, now: now) }
        let report = PruneReport(
            storePath: scan.root.path, applied: apply, options: options, ollamaProcesses: servers, decisions: decisions)
        if json {
            var output = StreamedOutput()
            output.writeLine(report.jsonDocument(warnings: warnings.messages))
        } else {
            print(Self.render(report, root: scan.root))
            warnings.finish()
        }
        if !report.failures.isEmpty {
            for decision in report.failures {
                Console.error("cannot delete \(decision.file.path): \(decision.action.reason ?? "")")
            }
            throw ExitCode(1)
        }
        if let reason = report.stopReason {
            throw CommandFailure.unusable(
                "prune stopped part-way: \(reason); the files not yet deleted were kept. Fix or remove that manifest, then run prune again."
            )
        }
    }

    static func render(_ report: PruneReport, root: StoreRoot) -> String {
        let decisions = report.decisions
        guard !decisions.isEmpty else { return "Nothing to prune: every file in \(root.blobsPath) belongs to a model." }
        var table = TextTable(["ACTION", "KIND", "SIZE", "FILE"], flexible: [3])
        for decision in decisions {
            let action: String
            switch decision.action {
            case .delete: action = "would delete"
            case .deleted: action = "deleted"
            case .keep: action = "keep"
            case .skipped: action = "skipped"
            case .failed: action = "FAILED"
            case .stopped: action = "not deleted"
            }
            table.add(
                [
                    action, decision.file.kind.label, HumanFormat.bytes(decision.file.occupiedBytes),
                    String(decision.file.path.split(separator: "/").last ?? ""),
                ], details: decision.action.reason.map { [$0] } ?? [])
        }
        let deletions = report.deletionCount
        let bytes = report.bytes
        let summary =
            report.applied
            ? "Deleted \(deletions) file\(deletions == 1 ? "" : "s"), freed \(HumanFormat.bytes(bytes)) (\(bytes) bytes)."
            : "Would delete \(deletions) file\(deletions == 1 ? "" : "s") and free \(HumanFormat.bytes(bytes)) (\(bytes) bytes).\n"
                + "Nothing was deleted: run with --apply."
        var grace = ""
        if report.keptByGrace > 0 {
            let kept = report.keptByGrace
            let period = HumanFormat.duration(nanoseconds: report.options.gracePeriodNanoseconds)
            grace =
                "\n\(kept) file\(kept == 1 ? " is" : "s are") within the grace period (\(period)): "
                + "--grace 0 deletes \(kept == 1 ? "it" : "them") too."
        }
        return table.render(width: Console.width) + "\n\n" + summary + grace
    }
}
