import ArgumentParser
import Foundation
import ImageWorksRegistry
import RegistryImport
import OllamaStore
import OrderedJSON

/// `ollama-scan registry list`: the registry's variants, as `imageworks-download list` shows them.
struct RegistryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registry's downloaded variants (installed state checked for real).",
        discussion: """
            Entries with a download path, sorted by name; deprecated ones only with --show-deprecated, logical
            ones (no download path) only with --include-logical. An Ollama entry is installed when its path
            exists or its served_model_id (else its name) is a model of the store whose model blob exists.
            """)

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the rows as JSON.")
    var json = false

    @Flag(help: "Include deprecated entries.")
    var showDeprecated = false

    @Flag(help: "Include logical entries (no download path).")
    var includeLogical = false

    @Flag(name: .shortAndLong, help: "Add the ServedID and Roles columns.")
    var details = false

    @Option(name: .shortAndLong, help: "Only entries of this backend (exact match).")
    var backend: String?

    @Option(name: .shortAndLong, help: "Only entries of this download format (entries without one pass).")
    var format: String?

    @Option(name: .shortAndLong, help: "Only entries at this download location (entries without one pass).")
    var location: String?

    func run() throws {
        let registry: Registry
        do {
            registry = try Registry.load(registryOptions.location())
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        registry.warnings.forEach { Console.error("warning: \($0)") }
        var options = RegistryListing.Options()
        options.showDeprecated = showDeprecated
        options.includeLogical = includeLogical
        options.backend = backend
        options.format = format
        options.location = location
        let rows = RegistryListing(registry: registry, scan: try storeOptions.optionalScan()).rows(options)

        if json {
            print(JSONWriter.pythonIndented(.array(rows.map(\.jsonValue))))
            return
        }
        guard !rows.isEmpty else {
            print(Console.symbol("📭") + "No models found matching criteria")
            return
        }
        var table = TextTable(
            ["Model", "Fmt", "Quant", "Backend", "Inst", "Size"] + (details ? ["ServedID", "Roles"] : []))
        for row in rows.sorted(by: { $0.modelColumn.lowercased() < $1.modelColumn.lowercased() }) {
            var cells = [
                row.modelColumn, row.formatColumn, row.quantColumn, row.entry.backend, row.installed ? "✓" : "✗",
                row.sizeColumn,
            ]
            if details {
                cells.append(row.entry.servedModelID ?? "-")
                cells.append(row.entry.roles.isEmpty ? "-" : row.entry.roles.joined(separator: ","))
            }
            table.add(cells)
        }
        print("Unified Downloaded Variants")
        print(table.render())
        let total = rows.reduce(Int64(0)) { $0 + ($1.entry.downloadSizeBytes.int64Value ?? 0) }
        print("")
        print(Console.symbol("📊") + "Total: \(rows.count) variants, \(HumanFormat.binaryBytes(total))")
    }
}
