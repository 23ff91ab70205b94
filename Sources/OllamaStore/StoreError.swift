import FileIO

/// Why a store root cannot be used at all (as opposed to per-file problems, which are warnings).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The root does not exist; `hint` may point at the Linux service's store.
    case rootMissing(path: String, hint: String?)
    case notADirectory(path: String)
    /// `manifests/` or `blobs/` is missing or not a directory.
    case missingSubdirectory(root: String, name: String)
    case unreadable(path: String, reason: String)
    /// The path is a folder inside a store (its `blobs/` or `manifests/`), not the store itself.
    case insideStore(path: String, store: String)
    /// There is no home directory to find the default store in.
    case noHomeDirectory

    public var description: String {
        switch self {
        case .rootMissing(let path, let hint):
            return "\(path): Ollama model store does not exist" + (hint.map { "; \($0)" } ?? "")
        case .notADirectory(let path):
            return "\(path): Ollama model store is not a directory"
        case .missingSubdirectory(let root, let name):
            return "\(root): not an Ollama model store: it has no \(name)/ directory"
        case .insideStore(let path, let store):
            return "\(path): a folder inside the Ollama model store \(store): pass --store \(store)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the Ollama model store: \(reason)"
        case .noHomeDirectory:
            return "no home directory to look for ~/.ollama/models in; pass --store DIR or set OLLAMA_MODELS"
        }
    }
}
