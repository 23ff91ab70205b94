import OllamaStore

/// Everything one `verify` run found: a verdict per blob and per model, the store's leftovers, and what the
/// run cost. It is a value: building it never touches the store again.
public struct VerifyReport: Sendable {
    /// The counts `verify` prints and `--json` writes under `counts`.
    public struct Counts: Sendable, Equatable {
        public var ok = 0
        public var mismatch = 0
        public var missing = 0
        public var sizeMismatch = 0
        public var unreadable = 0
        public var changed = 0
        /// Unreferenced blobs, temp files and foreign names in `blobs/`.
        public var orphans = 0
        /// Unfinished downloads, counted once per digest however many part files they have.
        public var partials = 0
        /// Selected manifests that do not parse or reference an invalid digest.
        public var invalidManifests = 0
        /// Selected models whose manifest declares a size that one of its (good) blobs does not have.
        public var wrongSizes = 0
    }

    public var storePath: String
    public var options: VerifyOptions
    /// Wall-clock start and end, in nanoseconds since the epoch.
    public var startedNanoseconds: Int64
    public var finishedNanoseconds: Int64
    /// Seconds spent checking blobs (scanning the manifests before is not included).
    public var seconds: Double
    public var bytesHashed: Int64
    /// Whether a cache of earlier verifications was consulted (`verify --incremental`).
    public var isIncremental = false
    /// Blobs hashed in this run whose bytes matched their names, for the cache to remember.
    public var verifiedFiles: [VerifiedFile] = []
    /// Blobs trusted from the cache without being read.
    public var trustedFiles: [VerifiedFile] = []
    /// Whether the run was cancelled: blobs not reached are absent from `blobs`.
    public var interrupted: Bool
    /// Every blob checked, sorted by digest.
    public var blobs: [BlobVerdict]
    /// Every model selected, sorted by name.
    public var models: [ModelVerdict]
    public var leftovers: [LeftoverFile]
    /// Manifests that do not parse: while there are any, an unreferenced blob may still be one of theirs.
    public var unparseableManifests: [String]

    public var counts: Counts {
        var counts = Counts()
        for blob in blobs {
            switch blob.status {
            case .ok: counts.ok += 1
            case .mismatch: counts.mismatch += 1
            case .missing: counts.missing += 1
            case .sizeMismatch: counts.sizeMismatch += 1
            case .unreadable: counts.unreadable += 1
            case .changed: counts.changed += 1
            }
        }
        counts.orphans = leftovers.filter { !$0.kind.isPartial }.count
        counts.partials = Set(leftovers.filter(\.kind.isPartial).map { $0.digest?.hex ?? $0.path }).count
        counts.invalidManifests = models.filter { !$0.problems.isEmpty }.count
        counts.wrongSizes = models.filter { !$0.wrongSizes.isEmpty }.count
        return counts
    }

    /// The verdict for the blob `digest`, if it was checked.
    public func blob(_ digest: BlobDigest) -> BlobVerdict? { BlobVerdict.find(digest, inDigestOrder: blobs) }

    /// Blobs whose status makes the run fail, sorted by path.
    public var badBlobs: [BlobVerdict] { blobs.filter(\.status.isFailure).sorted { $0.path < $1.path } }

    /// How many blobs were hashed (the rest were trusted from the cache or had their size checked only).
    public var hashedCount: Int { blobs.filter(\.hashed).count }

    /// How many blobs were trusted from the cache, and their bytes.
    public var cachedCount: Int { blobs.filter(\.cached).count }
    public var cachedBytes: Int64 { blobs.filter(\.cached).reduce(0) { $0 + ($1.actualSize ?? $1.expectedSize) } }

    /// Hashing throughput in bytes per second (0 when nothing was hashed).
    public var bytesPerSecond: Double { seconds > 0 ? Double(bytesHashed) / seconds : 0 }

    /// Whether the store passed: no failed blob or model, and no orphans or partials if those are to fail.
    public func passed(failOnOrphans: Bool = false, failOnPartials: Bool = false) -> Bool {
        let counts = counts
        return !blobs.contains { $0.status.isFailure } && !models.contains { $0.status == .failed }
            && !(failOnOrphans && counts.orphans > 0) && !(failOnPartials && counts.partials > 0)
    }
}
