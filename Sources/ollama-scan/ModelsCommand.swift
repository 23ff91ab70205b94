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
        let scan = try storeOptions.scan(printWarnings: !json)
        var models = scan.models
        if let prefix {
            models = models.filter { $0.displayName.lowercased().hasPrefix(prefix.lowercased()) }
        }
        switch sort {
        case .modified:
            models.sort { ($0.modifiedNanoseconds / 1_000_000_000, $1.displayName) > ($1.modifiedNanoseconds / 1_000_000_000, $0.displayName) }
        case .name:
            models.sort { $0.displayName < $1.displayName }
        case .size:
            models.sort { ($0.size, $1.displayName) > ($1.size, $0.displayName) }
        }

        if json {
            let output = JSONObject([
                ("store", .string(scan.root.path)),
                ("models", .array(models.map(\.jsonValue))),
                ("warnings", .array(scan.warnings.map(\.jsonValue))),
            ])
            print(JSONWriter.pythonIndented(.object(output)))
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
