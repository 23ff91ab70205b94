import FileIO

/// Why an export did not happen or did not finish. Every case is one line naming the model, file or path.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model has nothing `export` can write as GGUF: a cloud stub, a safetensors model, no model layer.
    case notExportable(model: String, reason: String)
    /// Files the export would write exist, and replacing them was not asked for.
    case destinationExists([String])
    /// The destination cannot be used (not a directory, inside the store, cannot be created).
    case unusableDestination(path: String, reason: String)
    /// A blob the export needs is missing, has the wrong size or does not hash to its name.
    case badBlob(path: String, reason: String)
    /// Reading, writing or placing a file failed.
    case io(FileIOError)
    case interrupted

    /// One line naming the model, file or path, then what is wrong.
    public var description: String {
        switch self {
        case .notExportable(let model, let reason):
            return "\(model) cannot be exported: \(reason)"
        case .destinationExists(let paths):
            let shown =
                paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
            return "\(shown) already exist\(paths.count == 1 ? "s" : ""); use --force to replace"
        case .unusableDestination(let path, let reason):
            return "\(path): \(reason)"
        case .badBlob(let path, let reason):
            return "\(path): \(reason)"
        case .io(let error):
            return error.description
        case .interrupted:
            return "interrupted; no partial file was left under a final name"
        }
    }

    /// Whether the export was refused before anything was written (exit 2), rather than failed (exit 1).
    public var isRefusal: Bool {
        switch self {
        case .notExportable, .destinationExists, .unusableDestination: return true
        case .badBlob, .io, .interrupted: return false
        }
    }
}
