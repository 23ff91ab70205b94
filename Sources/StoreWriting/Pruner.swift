import FileIO
import OllamaStore

/// Deletes what no model needs from `blobs/`, and nothing else: the only code in ollama-scan that changes
/// the store.
///
/// The plan takes the scan's leftovers: unreferenced blobs and temp files (partial downloads only when asked),
/// older than the grace period. Names that are not blob names are never deleted. Right before each deletion
/// the manifests are read again (those that changed), and the file is checked again, so a pull or create
/// that finishes meanwhile keeps its blobs.
public struct Pruner {
    public let scan: StoreScan
    public var options: PruneOptions

    /// Ollama skips its prune when a manifest does not parse; so does this one, naming the files.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var unparseableManifests: [String]
        public var description: String {
            "refusing to prune: \(unparseableManifests.count == 1 ? "a manifest does not" : "\(unparseableManifests.count) manifests do not") parse, and a blob only it references would look unreferenced: "
                + unparseableManifests.joined(separator: ", ")
                + "; repair or remove \(unparseableManifests.count == 1 ? "it" : "them") (the model's manifest file: `ollama pull` the model again, or delete the file), then prune again"
        }
    }

    /// The files referenced blobs resolve to, shared by the plan and the deletions, so each blob is `stat`ed
    /// once per prune, and only when there is something to delete.
    private let referencedFiles: ReferencedFiles

    public init(scan: StoreScan, options: PruneOptions = PruneOptions()) {
        self.scan = scan
        self.options = options
        referencedFiles = ReferencedFiles(scan: scan)
    }

    /// What would be deleted and what kept, for every leftover of the scan.
    /// - Parameter now: the time the grace period counts back from, in nanoseconds since the epoch.
    public func plan(now: Int64) throws(Refusal) -> [PruneDecision] {
        guard scan.unparseableManifests.isEmpty else { throw Refusal(unparseableManifests: scan.unparseableManifests) }
        var decisions = scan.leftovers().map { file in
            let action = judge(file, now: now)
            var decision = PruneDecision(file: file, action: action)
            decision.isWithinGrace = action.reason?.hasSuffix(graceSuffix) == true
            return decision
        }
        guard decisions.contains(where: { $0.action == .delete }) else { return decisions }
        referencedFiles.add(
            scan.inventory.files.compactMap { file in
                if case .blob(let digest, _) = file.kind, scan.isReferenced(digest) { return digest }
                return nil
            })
        for i in decisions.indices where decisions[i].action == .delete {
            if let status = try? FileStatus(path: decisions[i].file.path, followingSymlinks: false),
                let blob = referencedFiles.blob(sameAs: status)
            {
                decisions[i].action = .keep(reason: "the same file as referenced blob \(blob)")
            }
        }
        return decisions
    }

    /// How the reason of a file kept for its age ends.
    private var graceSuffix: String {
        "within the grace period (\(HumanFormat.duration(nanoseconds: options.gracePeriodNanoseconds)))"
    }

    /// The decision by kind and age; a file that is the same as a referenced blob is kept by `plan` after.
    private func judge(_ file: LeftoverFile, now: Int64) -> PruneDecision.Action {
        switch file.kind {
        case .foreign:
            return .keep(reason: "not a blob name: never deleted")
        case .partialDownload, .partialDownloadPart:
            guard options.includesPartials else {
                return .keep(reason: "a partial download (--include-partials deletes it)")
            }
        case .unreferencedBlob, .temporary:
            break
        }
        guard let modified = file.modifiedNanoseconds else { return .keep(reason: "vanished") }
        if now - modified < options.gracePeriodNanoseconds {
            let age = HumanFormat.relativeTime(secondsSinceEpoch: Double(modified) / 1e9, now: Double(now) / 1e9)
            return .keep(
                reason:
                    "modified \(age.prefix(1).lowercased() + age.dropFirst()), \(graceSuffix)")
        }
        return .delete
    }

    /// Deletes the `delete` decisions of `plan`, re-checking each right before its `unlink`; returns every
    /// decision with what happened. A manifest that stops parsing meanwhile stops the run.
    /// - Parameter beforeEachDeletion: called before each re-check (tests change the store there).
    public func apply(
        _ plan: [PruneDecision], now: Int64, beforeEachDeletion: ((LeftoverFile) -> Void)? = nil
    ) -> [PruneDecision] {
        let check = DeletionCheck(references: ReferenceCheck(root: scan.root), referencedFiles: referencedFiles)
        var stoppedBy: String?
        return plan.map { decision in
            guard decision.action == .delete else { return decision }
            var decision = decision
            if let stoppedBy {
                decision.action = .stopped(reason: stoppedBy)
                return decision
            }
            beforeEachDeletion?(decision.file)
            decision.action = recheckAndDelete(decision.file, now: now, check: check, stop: &stoppedBy)
            return decision
        }
    }

    private func recheckAndDelete(_ file: LeftoverFile, now: Int64, check: DeletionCheck, stop: inout String?)
        -> PruneDecision.Action
    {
        let digest = file.kind == .unreferencedBlob || file.kind.isPartial ? file.digest : nil
        let verdict = check.judge(file.path, digest: digest) { status in
            now - status.modifiedNanoseconds < options.gracePeriodNanoseconds
                || status.modifiedNanoseconds != file.modifiedNanoseconds ? "modified since the scan" : nil
        }
        switch verdict {
        case .stop(let reason):
            stop = reason
            return .stopped(reason: reason)
        case .keep(let reason):
            return .skipped(reason: reason)
        case .delete(let status):
            switch DeletionCheck.delete(file.path, status: status) {
            case .success(let freed): return .deleted(freedBytes: freed)
            case .failure(let error): return .failed(reason: error.errno?.description ?? error.reason)
            }
        }
    }
}
