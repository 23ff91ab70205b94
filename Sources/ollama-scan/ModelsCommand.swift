import ArgumentParser
import Listing
import Foundation
import OllamaStore
import OrderedJSON

/// `ollama-scan models`: what `ollama list` shows, plus quantization, parameters and status.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "models", abstract: "List the models in the store, like `ollama list`.",
        discussion: """
            NAME, ID and SIZE are exactly Ollama's (SIZE counts a blob listed twice twice, as Ollama does); \
            MODIFIED is the manifest's mtime. QUANT comes from the GGUF header (the config when there is none), \
            PARAMS from the config or the tensor count, STATUS from checking every blob's presence and size.

            \(ListingHelp.paragraph(keys: ModelFields.keys))
            """,
        examples: [
            "ollama-scan models", "ollama-scan models llama --sort size", "ollama-scan models --filter status!=ok",
            "ollama-scan models --filter 'modified>90d' --names",
        ],
        aliases: ["list", "ls"])

    @Argument(
        help: "Only models whose name starts with this prefix (case-insensitive), as `ollama list PREFIX`.",
        completion: ModelCompletion.kind)
    var prefix: String?

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var listing: ListingOptions

    @Flag(help: "Print JSON: {\"store\", \"models\", \"warnings\"}.")
    var json = false

    func run() throws {
        let scan = try storeOptions.scan(keepingHeaders: false)
        var warnings = CommandWarnings(echoing: !json && !listing.names)
        warnings.add(scan)
        var query = try listing.query(ModelFields.all, defaultSort: "modified")
        if let prefix { query.filters.append(ListingFilter(prefix: prefix, field: ModelFields.all[0])) }
        let now = Date().timeIntervalSince1970
        // Positions are selected and sorted, not the large records.
        let order = query.select(scan.models, now: Int64(now * 1e9))
        if listing.names {
            query.names(scan.models, selected: order).forEach { print($0) }
            return
        }
        let models = order.lazy.map { scan.models[$0] }
        if json {
            // Written record by record: the bytes of one json.dumps of the whole object, without holding the
            // whole document (a 100,000-model store makes hundreds of MB).
            var output = StreamedOutput()
            output.writeLine(scan.modelsDocument(models, warnings: warnings.messages))
            return
        }
        var table = TextTable(
            ["NAME", "ID", "SIZE", "MODIFIED", "QUANT", "PARAMS", "STATUS"], flexible: [0], droppable: [1])
        for model in models {
            table.add([
                model.displayName, model.id, model.isRemote ? "-" : HumanFormat.bytes(model.size),
                HumanFormat.relativeTime(secondsSinceEpoch: Double(model.modifiedNanoseconds) / 1e9, now: now),
                model.quantization ?? "-", model.parameterSize ?? "-", model.status.rawValue,
            ])
        }
        print(table.render(width: Console.width))
        warnings.finish()
    }
}
