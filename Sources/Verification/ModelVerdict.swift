import OllamaStore

/// What verification found for one model: it is as good as its worst blob.
public struct ModelVerdict: Sendable, Equatable {
    public enum Status: String, Sendable {
        case ok
        /// A blob is bad, or the manifest itself cannot be used.
        case failed
        /// No blob is bad, but one changed while it was read.
        case changed
        /// No blob is bad, but the run was interrupted before all of its blobs were checked.
        case incomplete
    }

    /// A size the model's manifest declares for a blob that has another size.
    public struct WrongSize: Sendable, Equatable {
        public var digest: BlobDigest
        public var declared: Int64
        public var actual: Int64

        /// `sha256:<hex> is 120 bytes, the manifest declares 100`, as the scan words it.
        public var description: String { "\(digest) is \(actual) bytes, the manifest declares \(declared)" }
    }

    /// The model's name as `ollama list` shows it.
    public var name: String
    public var manifestPath: String
    public var status: Status
    /// The blobs that failed, in manifest order (their verdicts: `VerifyReport.blob(_:)`).
    public var badBlobs: [BlobDigest]
    /// Why the model failed without a bad blob (a manifest that does not parse, an invalid digest).
    public var problems: [String]
    /// The sizes its manifest declares wrongly for blobs that are themselves good (another manifest declares
    /// them rightly): they fail this model and no other.
    public var wrongSizes: [WrongSize] = []
    /// How many distinct blobs it references, how many of them had their bytes verified (hashed now or
    /// trusted from the cache), and how many of those were trusted from the cache.
    public var blobCount: Int
    public var hashedCount: Int
    public var cachedCount = 0
}
