import ArgumentParser
import Foundation
import OllamaStore
import OrderedJSON

/// `ollama-scan models`: what `ollama list` shows, plus quantization, parameters and status.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models in the store, like `ollama list`.",
        discussion: """
            NAME, ID and SIZE are exactly Ollama's (SIZE counts a blob listed twice twice, as Ollama does);
            MODIFIED is the manifest's mtime. QUANT comes from the GGUF header (the config when there is none),
            PARAMS from the config or the tensor count, STATUS from checking every blob's presence and size.

            Example: ollama-scan models llama --sort size --store ~/.ollama/models
            """)

    enum SortOrder: String, ExpressibleByArgument, CaseIterable {
        case modified, name, size
    }

    @Argument(help: "Only models whose name starts with this prefix (case-insensitive), as `ollama list PREFIX`.")
    var prefix: String?

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print JSON: {\"store\", \"models\", \"warnings\"}.")
    var json = false

    @Option(help: "Sort by modified (newest first, the default), name, or size (largest first).")
    var sort: SortOrder = .modified

    func run() throws {
        let scan = try storeOptions.scan(printWarnings: !json, keepingHeaders: false)
        // Sort keys are computed once per model, and indices are sorted rather than the large records:
        // on 100,000 models the display name alone would otherwise be rebuilt millions of times.
        let names = scan.models.map(\.displayName)
        var order = Array(scan.models.indices)
        if let prefix {
            order = order.filter { names[$0].lowercased().hasPrefix(prefix.lowercased()) }
        }
        switch sort {
        case .modified:
            let seconds = scan.models.map { $0.modifiedNanoseconds / 1_000_000_000 }
            order.sort { (seconds[$0], names[$1]) > (seconds[$1], names[$0]) }
        case .name:
            order.sort { names[$0] < names[$1] }
        case .size:
            order.sort { (scan.models[$0].size, names[$1]) > (scan.models[$1].size, names[$0]) }
        }
        let models = order.lazy.map { scan.models[$0] }

        if json {
            // Written record by record: the bytes of one json.dumps of the whole object, without holding the
            // whole document (a 100,000-model store makes hundreds of MB).
            var output = StreamedOutput()
            output.writeLine(scan.modelsDocument(models))
            return
        }
        let now = Date().timeIntervalSince1970
        var table = TextTable(["NAME", "ID", "SIZE", "MODIFIED", "QUANT", "PARAMS", "STATUS"])
        for model in models {
            table.add([
                model.displayName, model.id, model.isRemote ? "-" : HumanFormat.bytes(model.size),
                HumanFormat.relativeTime(secondsSinceEpoch: Double(model.modifiedNanoseconds) / 1e9, now: now),
                model.quantization ?? "-", model.parameterSize ?? "-", model.status.rawValue,
            ])
        }
        print(table.render())
    }
}
