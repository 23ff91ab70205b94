/// What `unpack` did, per model and in bytes.
public struct UnpackReport: Sendable {
    public struct Model: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case added
            /// The store already had this manifest, byte for byte.
            case alreadyPresent
            /// An existing manifest with other bytes was replaced (`--force`).
            case replaced
            case refused(reason: String)

            public var name: String {
                switch self {
                case .added: return "added"
                case .alreadyPresent: return "already_present"
                case .replaced: return "replaced"
                case .refused: return "refused"
                }
            }
        }

        public var name: String
        public var action: Action
        /// The bytes its manifest declares (Ollama's SIZE).
        public var size: Int64
    }

    public var storePath: String
    public var bundle: String
    /// Whether nothing was written: the counts say what would be.
    public var dryRun = false
    public var models: [Model] = []
    /// Blobs written into the store, and their bytes.
    public var blobsAdded = 0
    public var bytesAdded: Int64 = 0
    /// Blobs the store already had and that verified, so were not written again.
    public var blobsReused = 0
    /// Damaged files that were at a blob's name, moved aside before the good copy took it.
    public var quarantined: [String] = []
    public var seconds: Double = 0

    /// Whether a model was refused.
    public var hasRefusals: Bool { models.contains { if case .refused = $0.action { true } else { false } } }
}
