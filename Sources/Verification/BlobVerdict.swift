import Hashing
import OllamaStore

/// What verification found for one blob that manifests reference.
public struct BlobVerdict: Sendable, Equatable {
    /// The blob's state, from best to worst for the verdict.
    public enum Status: String, Sendable, CaseIterable {
        /// Its bytes hash to its name (or, when not hashed, its size is the declared size).
        case ok
        /// It was being written while it was read, so nothing could be concluded; not an integrity failure.
        case changed
        /// Its size differs from the size the manifests declare.
        case sizeMismatch = "size_mismatch"
        /// Same size, but its bytes do not hash to its name.
        case mismatch
        case missing
        /// It exists but cannot be read as a regular file.
        case unreadable

        /// Whether this status makes `verify` fail.
        public var isFailure: Bool {
            switch self {
            case .ok, .changed: return false
            case .sizeMismatch, .mismatch, .missing, .unreadable: return true
            }
        }
    }

    public var digest: BlobDigest
    /// Where the blob is, or where Ollama would look for it when it is missing.
    public var path: String
    /// The size the manifests declare (the first one, if manifests disagree).
    public var expectedSize: Int64
    /// Every size the manifests declare for this digest.
    public var declaredSizes: [Int64]
    /// The size on disk, when the file could be examined.
    public var actualSize: Int64?
    public var status: Status
    /// Whether its bytes were hashed (false under `--size-only`, for blobs outside the sample, and for blobs
    /// trusted from the cache).
    public var hashed: Bool
    /// Whether it was trusted from an earlier run's verification without being read (`verify --incremental`):
    /// the file's identity is unchanged since its bytes last hashed to its name.
    public var cached = false
    /// The digest of the bytes read, when they were hashed.
    public var actualDigest: SHA256Digest?
    /// Why it is unreadable or changed, or what is odd about it (an empty file, a symbolic link).
    public var note: String?
    /// Display names of every model in the store that uses it (selected or not), sorted.
    public var models: [String]

    /// Whether the bytes read were zero bytes (the digest `e3b0c442…`).
    public var isEmptyFile: Bool { actualDigest == .empty }

    /// The verdict for `digest` among `verdicts` sorted by digest, found by binary search (no second index of
    /// a large store's verdicts).
    static func find(_ digest: BlobDigest, inDigestOrder verdicts: [BlobVerdict]) -> BlobVerdict? {
        verdicts.element(withDigest: digest, \.digest)
    }
}
