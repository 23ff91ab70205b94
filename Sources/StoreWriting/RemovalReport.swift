import OllamaStore

/// What `rm` would do, or did: per model, its manifest; per blob, deleted or kept and why, and the bytes.
public struct RemovalReport: Sendable {
    public struct Model: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case remove
            case removed
            case skipped(reason: String)
            case failed(reason: String)
        }

        public var name: String
        public var manifestPath: String
        public var action: Action
    }

    public struct Blob: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case delete
            case deleted(freedBytes: Int64)
            case keep(reason: String)
            case failed(reason: String)
        }

        public var digest: BlobDigest
        public var path: String
        /// What deleting it frees (planned), or freed.
        public var bytes: Int64
        public var action: Action
    }

    public var storePath: String
    /// Whether it was carried out (false for the plan and a dry run).
    public var applied: Bool
    public var models: [Model]
    public var blobs: [Blob]

    /// The bytes freed, or that would be.
    public var bytes: Int64 {
        blobs.reduce(0) { total, blob in
            switch blob.action {
            case .delete: return total + blob.bytes
            case .deleted(let freed): return total + freed
            case .keep, .failed: return total
            }
        }
    }

    /// Whether something failed: a manifest or a blob that could not be removed.
    public var hasFailures: Bool {
        models.contains { if case .failed = $0.action { true } else { false } }
            || blobs.contains { if case .failed = $0.action { true } else { false } }
    }
}
