import OllamaStore

/// What `repair` found and did: per damaged or missing blob, and per model.
public struct RepairReport: Sendable {
    public struct Blob: Sendable, Equatable {
        public var digest: BlobDigest
        /// What verification found: `mismatch`, `size_mismatch`, `missing`, `unreadable`.
        public var problem: String
        /// Where the damaged file went (or would go); nil for a missing blob.
        public var quarantinedTo: String?
        /// The source a good copy came from (or would come from); nil when none had it.
        public var restoredFrom: String?
        /// Why it could not be restored from a source that had it, or moved aside.
        public var failure: String?
        /// Every model that uses it.
        public var models: [String]
    }

    public struct Model: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// Nothing was wrong with it.
            case ok
            /// Every blob it lacked is good again (or would be, in a dry run).
            case repaired
            /// Blobs are still missing: `ollama pull <name>` downloads them.
            case needsPull(missing: [BlobDigest])
            /// Nothing here can fix it (a manifest that does not parse, a wrong declared size).
            case notRepairable(reason: String)

            public var name: String {
                switch self {
                case .ok: return "ok"
                case .repaired: return "repaired"
                case .needsPull: return "needs_pull"
                case .notRepairable: return "not_repairable"
                }
            }
        }

        public var name: String
        public var outcome: Outcome
    }

    public var storePath: String
    /// Whether it was a dry run.
    public var dryRun: Bool
    public var blobs: [Blob] = []
    public var models: [Model] = []

    /// The `ollama pull` commands that restore the models still missing blobs.
    public var pullCommands: [String] {
        models.compactMap { model in
            if case .needsPull = model.outcome { return "ollama pull \(model.name)" }
            return nil
        }
    }

    /// Whether every model is good (or would be).
    public var isComplete: Bool {
        models.allSatisfy { $0.outcome == .ok || $0.outcome == .repaired }
    }
}
