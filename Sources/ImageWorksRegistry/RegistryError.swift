/// Why a registry could not be read or written. Every case renders as one line naming the file, and for an
/// entry its index and name and the field; the CLI exits 2 for all of them.
public enum RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    /// The file's top level is not a JSON array of entries.
    case notAnArray(path: String)
    /// Element `index` (0-based) of the file is not an object.
    case entryNotAnObject(path: String, index: Int)
    /// A field of an entry has a value the loader cannot read.
    case invalidField(path: String, index: Int, name: String?, field: String, reason: String)
    /// Two entries of a single file have the same name.
    case duplicateEntry(path: String, name: String)
    /// Layered mode found neither layer file (and no lone snapshot to migrate).
    case noLayers(directory: String)
    case writeFailed(path: String, reason: String)
    case lockFailed(path: String, reason: String)

    /// One line naming the file (and the entry and field when there is one), then what is wrong.
    public var description: String {
        switch self {
        case .fileNotFound(let path): return "\(path): registry file not found"
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .invalidJSON(let path, let reason): return "\(path): not valid JSON: \(reason)"
        case .notAnArray(let path): return "\(path): a registry file must hold a JSON array of entries"
        case .entryNotAnObject(let path, let index): return "\(path): entry \(index): not a JSON object"
        case .invalidField(let path, let index, let name, let field, let reason):
            let entry = name.map { "entry \(index) (\"\($0)\")" } ?? "entry \(index)"
            return "\(path): \(entry): field \"\(field)\": \(reason)"
        case .duplicateEntry(let path, let name):
            return
                "\(path): duplicate entry \"\(name)\" (set IMAGEWORKS_ALLOW_REGISTRY_DUPES=1 to let the later one win)"
        case .noLayers(let directory):
            return
                "\(directory): no registry files found (expected model_registry.curated.json or model_registry.discovered.json)"
        case .writeFailed(let path, let reason): return "\(path): cannot write: \(reason)"
        case .lockFailed(let path, let reason): return "\(path): cannot lock the registry: \(reason)"
        }
    }
}
