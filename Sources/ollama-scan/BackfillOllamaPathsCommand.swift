import ArgumentParser
import ImageWorksRegistry
import RegistryImport
import OrderedJSON

/// `ollama-scan registry backfill-ollama-paths`: fills the download path of Ollama entries from the store.
struct BackfillOllamaPathsCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "backfill-ollama-paths",
        abstract: "Give path-less Ollama entries their real model blob path, size and files from the store.",
        discussion: """
            Each Ollama entry without a download path is looked up in the store by its served_model_id (else \
            its name). A model the store holds gets its model blob path, Ollama's SIZE and its layer files; one \
            it does not hold gets the synthetic ollama://<id> path, and the output says so. Changes go to the \
            discovered layer (a curated entry gets an overlay copy there), so they survive a reload.
            """,
        examples: [
            "ollama-scan registry backfill-ollama-paths --registry-dir configs --dry-run --verbose",
            "ollama-scan registry backfill-ollama-paths --registry-dir configs",
        ])

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The download_location given to entries that have none.")
    var location = "linux_wsl"

    @Flag(inversion: .prefixedNo, help: "Set download_format to gguf where it is empty.")
    var setFormat = true

    @Flag(help: "Show what would change and write nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "One line per entry.")
    var verbose = false

    @Flag(help: "Print the changes as JSON.")
    var json = false

    func run() throws {
        let scan = try storeOptions.optionalScan()
        var warnings = CommandWarnings(echoing: !json)
        let (changes, written, _) = try registryOptions.transaction(dryRun: dryRun, warnings: &warnings) { registry in
            OllamaBackfill(scan: scan, location: location, setsFormat: setFormat).run(on: &registry)
        }
        if json {
            print(
                JSONWriter.pythonIndented(
                    warnings.attached(to: OllamaBackfill.jsonValue(changes, dryRun: dryRun, written: written))))
            return
        }
        guard !changes.isEmpty else {
            print(Console.symbol("🛈") + "No Ollama entries required backfill")
            return
        }
        if dryRun {
            print("Would backfill \(changes.count) Ollama logical entries:")
            if verbose {
                for change in changes {
                    print("  • \(change.name) path: \(change.oldPath.stringValue ?? "None") -> \(change.newPath)")
                }
            } else {
                print("  " + changes.prefix(6).map(\.name).joined(separator: ", ") + (changes.count > 6 ? " ..." : ""))
            }
        } else {
            print(Console.symbol("✅") + "Backfilled \(changes.count) Ollama entries")
            if verbose { for change in changes { print("  • \(change.name) path=\(change.newPath)") } }
        }
        let synthetic = changes.filter(\.isSynthetic).map(\.name)
        if !synthetic.isEmpty {
            print("not in the store, given a synthetic ollama:// path: \(synthetic.joined(separator: ", "))")
        }
        if dryRun { print("Dry run: not saving registry") }
    }
}
