import ArgumentParser
import ImageWorksRegistry
import RegistryImport
import OrderedJSON

/// `ollama-scan registry purge-deprecated`: removes deprecated entries.
struct PurgeDeprecatedCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "purge-deprecated",
        abstract: "Remove deprecated entries (with --placeholders-only, only model-ollama-gguf… leftovers).",
        discussion:
            "A purged entry of the curated layer comes back at the next load: the curated file is never written.",
        examples: [
            "ollama-scan registry purge-deprecated --registry-dir configs --dry-run",
            "ollama-scan registry purge-deprecated --registry-dir configs --placeholders-only",
        ])

    @OptionGroup var registryOptions: RegistryOptions

    @Flag(help: "Only placeholder entries (names starting with model-ollama-gguf).")
    var placeholdersOnly = false

    @Flag(help: "Show what would be purged and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        var warnings = CommandWarnings(echoing: !json)
        let (outcome, written, _) = try registryOptions.transaction(dryRun: dryRun, warnings: &warnings) { registry in
            registry.purgeDeprecated(placeholdersOnly: placeholdersOnly)
        }
        if json {
            print(JSONWriter.pythonIndented(warnings.attached(to: outcome.jsonValue(dryRun: dryRun, written: written))))
            return
        }
        guard !outcome.names.isEmpty else {
            print(Console.symbol("🛈") + "No matching deprecated entries to purge")
            return
        }
        print("Will purge \(outcome.names.count) deprecated \(outcome.names.count == 1 ? "entry" : "entries"):")
        outcome.names.forEach { print("  • \($0)") }
        if dryRun {
            print("Dry run: not modifying registry")
            return
        }
        print(Console.symbol("✅") + "Purged \(outcome.names.count) entries")
        if !outcome.curated.isEmpty {
            print(
                "note: \(outcome.curated.joined(separator: ", ")) belong to the curated layer, which is never written; they come back at the next load"
            )
        }
    }
}
