import FileIO
import OllamaStore

/// Where `repair --from` looks for good copies of bad or missing blobs: another store, or a bundle from
/// `pack`.
public enum RepairSource: Sendable, Equatable, CustomStringConvertible {
    case store(StoreRoot)
    case bundle(path: String)

    /// A folder with `blobs/` is a store; anything else is read as a bundle.
    public init(path: String) {
        self = FileSystem.isDirectory(path + "/blobs") ? .store(StoreRoot(path: path)) : .bundle(path: path)
    }

    public var description: String {
        switch self {
        case .store(let root): return root.path
        case .bundle(let path): return path
        }
    }
}
