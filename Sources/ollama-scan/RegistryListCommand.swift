import ArgumentParser
import Listing
import Foundation
import ImageWorksRegistry
import RegistryImport
import OllamaStore
import OrderedJSON

/// `ollama-scan registry list`: the registry's variants, as `imageworks-download list` shows them.
struct RegistryListCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "list", abstract: "List the registry's downloaded variants (installed state checked for real).",
        discussion: """
            Entries with a download path; deprecated ones only with --show-deprecated, logical ones (no download \
            path) only with --include-logical. An Ollama entry is installed when its path exists or its \
            served_model_id (else its name) is a model of the store whose model blob exists.

            \(ListingHelp.paragraph(keys: fields.map(\.key)))
            """,
        examples: [
            "ollama-scan registry list --registry-dir configs", "ollama-scan registry list --backend ollama --details",
            "ollama-scan registry list --filter installed=false --names",
        ])

    static let fields: [ListingField<RegistryListing.Row>] = [
        ListingField("name", .text) { .text($0.entry.name) },
        ListingField("model", .text) { .text($0.modelColumn) },
        ListingField("backend", .text) { .text($0.entry.backend) },
        ListingField("format", .text) { .text($0.entry.downloadFormat.stringValue) },
        ListingField("quant", .text) { .text($0.entry.quantization.stringValue) },
        ListingField("installed", .flag) { .flag($0.installed) },
        ListingField("size", .bytes) { .number($0.entry.downloadSizeBytes.int64Value) },
        ListingField("location", .text) { .text($0.entry.downloadLocation.stringValue) },
        ListingField("family", .text) { .text($0.entry.family.stringValue) },
        ListingField("role", .texts) { .texts($0.entry.roles) },
    ]

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var listing: ListingOptions

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
        let registry = try registryOptions.load()
        var options = RegistryListing.Options()
        options.showDeprecated = showDeprecated
        options.includeLogical = includeLogical
        options.backend = backend
        options.format = format
        options.location = location
        let query = try listing.query(Self.fields, defaultSort: "model")
        let listed = RegistryListing(registry: registry, scan: try storeOptions.optionalScan()).rows(options)
        let order = query.select(listed, now: Int64(Date().timeIntervalSince1970 * 1e9))
        if listing.names {
            query.names(listed, selected: order).forEach { print($0) }
            return
        }
        let rows = order.map { listed[$0] }
        if json {
            // The original's form, a bare array of rows: the registry's warnings stay on stderr.
            print(JSONWriter.pythonIndented(.array(rows.map(\.jsonValue))))
            return
        }
        guard !rows.isEmpty else {
            print(Console.symbol("📭") + "No models found matching criteria")
            return
        }
        var table = TextTable(
            ["Model", "Fmt", "Quant", "Backend", "Inst", "Size"] + (details ? ["ServedID", "Roles"] : []),
            flexible: details ? [0, 6, 7] : [0])
        for row in rows {
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
        print(table.render(width: Console.width))
        let total = rows.reduce(Int64(0)) { $0 + ($1.entry.downloadSizeBytes.int64Value ?? 0) }
        print("")
        print(Console.symbol("📊") + "Total: \(rows.count) variants, \(HumanFormat.binaryBytes(total))")
    }
}
