import ImageWorksRegistry
import OllamaStore
import OrderedJSON

/// `registry backfill-ollama-paths`: every Ollama entry without a download path
/// gets its model's real blob path, size and layer files from the store; only a model the store does not
/// hold gets the synthetic `ollama://<id>` path.
public struct OllamaBackfill {
    /// One entry's change.
    public struct Change: Sendable, Equatable {
        /// The entry's name.
        public var name: String
        /// `download_path` before (empty or null).
        public var oldPath: JSONValue
        /// `download_path` after: the model blob, or `ollama://<id>`.
        public var newPath: String
        /// The model is not in the store: the path is the synthetic `ollama://<id>`.
        public var isSynthetic: Bool
    }

    /// The `download_location` given to entries that have none.
    public var location: String
    /// Whether an empty `download_format` becomes `gguf`.
    public var setsFormat: Bool
    /// The store the models are looked up in; without one, every path is synthetic.
    public let scan: StoreScan?

    /// A backfill from `scan`.
    public init(scan: StoreScan?, location: String = "linux_wsl", setsFormat: Bool = true) {
        self.scan = scan
        self.location = location
        self.setsFormat = setsFormat
    }

    /// Applies the backfill to `registry` (in memory) and returns what changed, in registry order.
    public func run(on registry: inout Registry) -> [Change] {
        var changes: [Change] = []
        let lookup = scan.map(ModelLookup.init)
        for var entry in registry.entries where entry.backend == "ollama" && !PythonValue.truthy(entry.downloadPath) {
            let identifier = entry.servedModelID ?? entry.name
            let old = entry.downloadPath
            if let lookup, let model = RegistryListing.storeModel(for: entry, in: lookup), let blob = model.modelBlob {
                entry.downloadPath = .string(blob)
                entry.downloadSizeBytes = .integer(model.size)
                entry.downloadFiles = RegistryImporter.downloadFiles(model).map(JSONValue.string)
                changes.append(Change(name: entry.name, oldPath: old, newPath: blob, isSynthetic: false))
            } else {
                entry.downloadPath = .string("ollama://" + identifier)
                changes.append(
                    Change(name: entry.name, oldPath: old, newPath: "ollama://" + identifier, isSynthetic: true))
            }
            if setsFormat && !PythonValue.truthy(entry.downloadFormat) { entry.downloadFormat = .string("gguf") }
            if !PythonValue.truthy(entry.downloadLocation) { entry.downloadLocation = .string(location) }
            registry.put(entry)
        }
        return changes
    }
}
