import ImageWorksRegistry
/// What the import did (or, in a dry run, would do) with one model of the store.
public struct ImportOutcome: Sendable, Equatable {
    /// What happened to the model's entry.
    public enum Action: Sendable, Equatable {
        case created
        /// The existing entry changed; the registry keys whose values changed.
        case updated(fields: [String])
        /// A quant-less legacy entry was renamed to the quant-suffixed name, then updated.
        case renamed(from: String, fields: [String])
        case unchanged
        /// Not imported, with the reason (no GGUF model layer, an unreadable manifest, a missing blob).
        case skipped(reason: String)

        /// `created`, `updated`, `renamed`, `unchanged` or `skipped`.
        public var word: String {
            switch self {
            case .created: return "created"
            case .updated: return "updated"
            case .renamed: return "renamed"
            case .unchanged: return "unchanged"
            case .skipped: return "skipped"
            }
        }
    }

    /// The model as `ollama list` shows it.
    public var model: String
    /// The registry entry's name (nil when skipped).
    public var entry: String?
    /// What happened (or would happen) to its entry.
    public var action: Action
    /// Blobs of this model that failed `--hash` verification: "<path>: <status>".
    public var hashFailures: [String] = []
}
