import OllamaStore

/// What one `prune` run decided, or did with `--apply`, and the bytes involved.
public struct PruneReport: Sendable {
    public var storePath: String
    /// Whether the deletions were carried out (false for a dry run).
    public var applied: Bool
    public var options: PruneOptions
    /// The Ollama server processes seen running.
    public var ollamaProcesses: [Int]
    /// One per leftover, in directory order.
    public var decisions: [PruneDecision]

    public init(
        storePath: String, applied: Bool, options: PruneOptions, ollamaProcesses: [Int], decisions: [PruneDecision]
    ) {
        self.storePath = storePath
        self.applied = applied
        self.options = options
        self.ollamaProcesses = ollamaProcesses
        self.decisions = decisions
    }

    /// The bytes freed (after `--apply`), or that would be (a dry run's decisions are still `delete`).
    public var bytes: Int64 {
        decisions.reduce(0) { total, decision in
            switch decision.action {
            case .deleted(let freed): return total + freed
            case .delete: return total + decision.file.occupiedBytes
            case .keep, .skipped, .failed, .stopped: return total
            }
        }
    }

    /// The files deleted (after `--apply`), or that would be.
    public var deletionCount: Int {
        decisions.filter { decision in
            switch decision.action {
            case .deleted: return applied
            case .delete: return !applied
            case .keep, .skipped, .failed, .stopped: return false
            }
        }.count
    }

    /// Why the run stopped part-way, when it did (the deletions not attempted are `stopped`).
    public var stopReason: String? {
        for decision in decisions { if case .stopped(let reason) = decision.action { return reason } }
        return nil
    }

    /// The files kept only because they were modified within the grace period.
    public var keptByGrace: Int { decisions.filter(\.isWithinGrace).count }

    /// The deletions that were tried and failed.
    public var failures: [PruneDecision] {
        decisions.filter { if case .failed = $0.action { true } else { false } }
    }
}
