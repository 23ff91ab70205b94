import FileIO
import OllamaStore
import StoreWriting

/// Why a bundle cannot be written or read. Each is one line naming the file, the member or the model.
public enum BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model's blob does not verify while it is packed: the partial bundle is deleted.
    case badBlob(model: String, digest: BlobDigest, reason: String)
    /// A model cannot be packed (a cloud stub, a blob missing or not readable).
    case notPackable(model: String, reason: String)
    /// The bundle is not a readable tar archive, or ends early.
    case malformed(bundle: String, offset: Int64, reason: String)
    /// A member no bundle may hold.
    case refusedMember(bundle: String, reason: String)
    /// A blob member whose bytes do not hash to its name.
    case corruptMember(bundle: String, digest: BlobDigest, reason: String)
    /// A manifest member that does not parse.
    case badManifest(bundle: String, model: String, reason: String)
    case io(FileIOError)
    case placement(BlobPlacer.Failure)
    case cancelled

    public var description: String {
        switch self {
        case .badBlob(let model, let digest, let reason):
            return "\(model): blob \(digest) \(reason): not packed (run ollama-scan verify, then repair)"
        case .notPackable(let model, let reason): return "\(model): cannot be packed: \(reason)"
        case .malformed(let bundle, let offset, let reason): return "\(bundle): at byte \(offset): \(reason)"
        case .refusedMember(let bundle, let reason): return "\(bundle): refused: \(reason)"
        case .corruptMember(let bundle, let digest, let reason):
            return "\(bundle): member blobs/\(digest.blobFileName) is corrupt: \(reason)"
        case .badManifest(let bundle, let model, let reason):
            return "\(bundle): the manifest of \(model) does not parse: \(reason)"
        case .io(let error): return error.description
        case .placement(let failure): return failure.description
        case .cancelled: return "interrupted"
        }
    }
}
