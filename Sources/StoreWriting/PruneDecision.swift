import OllamaStore

/// What prune decides for one leftover file in `blobs/`, and, once applied, what happened.
public struct PruneDecision: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Deletable: unreferenced (or a temp file, or a partial download when those are included) and older
        /// than the grace period.
        case delete
        /// Never touched, and why.
        case keep(reason: String)
        /// Deleted; `freedBytes` is what the file occupied (0 when another name still links to it).
        case deleted(freedBytes: Int64)
        /// Planned for deletion, but the re-check right before it said no.
        case skipped(reason: String)
        /// The deletion was tried and failed.
        case failed(reason: String)
        /// Planned for deletion, but the run stopped before it: the store stopped being safe to prune (a
        /// manifest stopped parsing, `manifests/` became unreadable).
        case stopped(reason: String)

        /// `delete`, `keep`, `deleted`, `skipped`, `failed` or `stopped`.
        public var name: String {
            switch self {
            case .delete: return "delete"
            case .keep: return "keep"
            case .deleted: return "deleted"
            case .skipped: return "skipped"
            case .failed: return "failed"
            case .stopped: return "stopped"
            }
        }

        public var reason: String? {
            switch self {
            case .keep(let reason), .skipped(let reason), .failed(let reason), .stopped(let reason): return reason
            case .delete, .deleted: return nil
            }
        }
    }

    public var file: LeftoverFile
    public var action: Action
    /// Whether it is kept only because it was modified within the grace period.
    public var isWithinGrace = false
}
