import ImageWorksRegistry
import FileIO
import Foundation
import OllamaStore
import OrderedJSON

/// The rows of `registry list`, with two fixes to the original: filters apply to every row, and "installed"
/// is checked on disk and in the store rather than guessed.
public struct RegistryListing {
    /// The listing's filters.
    public struct Options: Sendable {
        /// Include deprecated entries.
        public var showDeprecated = false
        /// Include logical entries (no download path).
        public var includeLogical = false
        /// Only this backend (exact match).
        public var backend: String?
        /// Only this download format (entries without one pass).
        public var format: String?
        /// Only this download location (entries without one pass).
        public var location: String?

        /// No filter: every entry with a download path that is not deprecated.
        public init() {}
    }

    /// One listed entry.
    public struct Row: Sendable, Equatable {
        /// The entry.
        public var entry: RegistryEntry
        /// Whether its files are there (see `isInstalled`).
        public var installed: Bool
        /// The entry has no download path (a logical entry).
        public var logicalOnly: Bool { !PythonValue.truthy(entry.downloadPath) }
    }

    /// The registry listed.
    public let registry: Registry
    /// The Ollama store, when one is usable: an Ollama entry is installed when its model is there.
    public let scan: StoreScan?
    private let lookup: ModelLookup?

    /// A listing of `registry`, its Ollama entries checked against `scan` when there is one.
    public init(registry: Registry, scan: StoreScan?) {
        self.registry = registry
        self.scan = scan
        lookup = scan.map(ModelLookup.init)
    }

    /// The rows, sorted by name (code-point order).
    public func rows(_ options: Options) -> [Row] {
        registry.entries.filter { entry in
            if !PythonValue.truthy(entry.downloadPath) && !options.includeLogical { return false }
            if entry.deprecated && !options.showDeprecated { return false }
            if let backend = options.backend, entry.backend != backend { return false }
            if let format = options.format, PythonValue.truthy(entry.downloadFormat),
                entry.downloadFormat != .string(format)
            {
                return false
            }
            if let location = options.location, PythonValue.truthy(entry.downloadLocation),
                entry.downloadLocation != .string(location)
            {
                return false
            }
            return true
        }
        .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
        .map { Row(entry: $0, installed: isInstalled($0)) }
    }

    /// Installed: the download path exists; or, for an Ollama entry, its `served_model_id` (else its name)
    /// resolves to a model of the store whose model blob exists.
    public func isInstalled(_ entry: RegistryEntry) -> Bool {
        if let path = entry.downloadPath.stringValue, !path.isEmpty,
            (try? FileStatus(path: (path as NSString).expandingTildeInPath)) != nil
        {
            return true
        }
        guard entry.backend == "ollama", let lookup else { return false }
        return Self.storeModel(for: entry, in: lookup) != nil
    }

    /// The store's model an Ollama entry names (`served_model_id`, else `name`), if its model blob exists.
    public static func storeModel(for entry: RegistryEntry, in lookup: ModelLookup) -> ModelRecord? {
        let identifier = entry.servedModelID ?? entry.name
        guard ModelName(parsing: identifier).isValid else { return nil }
        return lookup.models(matching: identifier).first { model in
            guard let blob = model.modelBlob else { return false }
            return (try? FileStatus(path: blob))?.kind == .regular
        }
    }
}
