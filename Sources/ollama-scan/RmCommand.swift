import ArgumentParser
import Foundation
import OllamaStore
import OrderedJSON
import StoreWriting

/// `ollama-scan rm MODEL…`: what `ollama rm` does, without the server.
struct RmCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "rm", abstract: "Remove models: their manifests, and the blobs no other model uses (like `ollama rm`).",
        discussion: """
            The manifests go first, then the folders they leave empty, then each blob no remaining manifest \
            references, checked again right before it is deleted; a blob another model uses is kept, and so is \
            every blob while a manifest does not parse. It prints each model removed and the exact bytes freed. \
            On a terminal it shows the plan and asks; -y skips the question; without a terminal and without -y it \
            prints the plan and exits 2. An unknown name is an error naming close matches, and then nothing is \
            removed. It refuses while an Ollama server runs (--while-running overrides) and while another \
            ollama-scan writes to the store (--wait waits). Declining at the question exits 1.
            """,
        examples: ["ollama-scan rm llama3:8b --dry-run", "ollama-scan rm qwen3:8b qwen3:14b -y"])

    @Argument(help: "The models to remove.", completion: ModelCompletion.kind)
    var models: [String]

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var writeOptions: WriteOptions

    @Flag(help: "Print what would be removed and the bytes it would free; change nothing.")
    var dryRun = false

    @Flag(name: .short, help: "Remove without asking.")
    var yes = false

    @Flag(help: "Print the plan or the result as JSON.")
    var json = false

    func validate() throws {
        if models.isEmpty { throw ValidationError("Name at least one model to remove.") }
    }

    func run() throws {
        let root = try storeOptions.root()
        let writeGuard = dryRun ? nil : try writeOptions.guardStore(root)
        defer { writeGuard?.release() }
        let scan = try storeOptions.scan(readingModelFiles: false)
        let records = try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan, selected: records)
        let remover = ModelRemover(scan: scan)
        let plan = remover.plan(records)

        if dryRun || !yes {
            if json {
                print(JSONWriter.pythonIndented(plan.jsonValue(warnings: warnings.messages)))
            } else {
                print(Self.render(plan))
            }
            if dryRun { return }
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommandFailure.unusable("not removing without a question to answer: pass -y to remove")
            }
            FileHandle.standardError.write(Data("Remove? [y/N] ".utf8))
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                throw CommandFailure.notFound("nothing removed")
            }
        }
        let report = remover.apply(plan)
        if json {
            print(JSONWriter.pythonIndented(report.jsonValue(warnings: warnings.messages)))
        } else {
            print(Self.render(report))
            warnings.finish()
        }
        if report.hasFailures { throw ExitCode(1) }
    }

    /// The plan or the result: each model, each blob with its size or why it stays, and the bytes freed.
    static func render(_ report: RemovalReport) -> String {
        var lines: [String] = []
        for model in report.models {
            let word: String
            switch model.action {
            case .remove: word = "would remove"
            case .removed: word = "removed"
            case .skipped: word = "kept"
            case .failed: word = "FAILED"
            }
            lines.append("\(word) \(model.name)" + (model.action.reason.map { ": \($0)" } ?? ""))
        }
        var table = TextTable(["ACTION", "SIZE", "BLOB"], flexible: [2])
        for blob in report.blobs {
            let size: String
            let word: String
            switch blob.action {
            case .delete: (size, word) = (HumanFormat.bytes(blob.bytes), "would delete")
            case .deleted(let freed): (size, word) = (HumanFormat.bytes(freed), "deleted")
            case .keep: (size, word) = ("-", "keep")
            case .failed: (size, word) = ("-", "FAILED")
            }
            table.add(
                [word, size, String(blob.path.split(separator: "/").last ?? "")],
                details: blob.action.reason.map { [$0] } ?? [])
        }
        if !report.blobs.isEmpty { lines += ["", table.render(width: Console.width)] }
        let bytes = report.bytes
        lines.append("")
        lines.append(
            report.applied
                ? "Freed \(HumanFormat.bytes(bytes)) (\(bytes) bytes)."
                : "Would free \(HumanFormat.bytes(bytes)) (\(bytes) bytes).")
        return lines.joined(separator: "\n")
    }
}
