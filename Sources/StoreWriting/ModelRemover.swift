import FileIO
import Hashing
import OllamaStore

/// What `ollama rm` does, without the server: the models' manifests go, then the folders they leave empty up
/// to `manifests/`, then each of their blobs that no remaining manifest references, re-checked right before
/// its unlink. A blob another model uses is never deleted, nor a file that is the same as one (a link).
///
/// Manifests go first, so a run killed at any point leaves every remaining manifest with its blobs: at worst
/// blobs no manifest references, which `prune` removes.
public struct ModelRemover {
    public let scan: StoreScan
    private let referencedFiles: ReferencedFiles

    public init(scan: StoreScan) {
        self.scan = scan
        referencedFiles = ReferencedFiles(scan: scan)
    }

    /// What removing `models` would do, with the bytes each blob would free.
    public func plan(_ models: [ModelRecord]) -> RemovalReport {
        let removed = Set(models.map(\.manifestPath))
        var remaining = Set<BlobDigest>()
        for model in scan.models where !removed.contains(model.manifestPath) {
            model.allBlobs.compactMap(\.blobDigest).forEach { remaining.insert($0) }
        }
        referencedFiles.add(remaining)
        var blobs: [RemovalReport.Blob] = []
        var seen = Set<BlobDigest>()
        for model in models {
            for digest in model.distinctBlobs.compactMap(\.blobDigest) where seen.insert(digest).inserted {
                guard let file = scan.inventory.file(for: digest), !file.isDirectory else { continue }
                var blob = RemovalReport.Blob(digest: digest, path: file.path, bytes: 0, action: .delete)
                let status = try? FileStatus(path: file.path, followingSymlinks: false)
                blob.bytes = status.map(DeletionCheck.freedBytes) ?? 0
                if remaining.contains(digest) {
                    let users = scan.models.filter { user in
                        !removed.contains(user.manifestPath) && user.allBlobs.contains { $0.blobDigest == digest }
                    }
                    let names = users.map(\.displayName).sorted()
                    blob.action = .keep(
                        reason: "used by "
                            + (names.count > 3
                                ? names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
                                : HumanFormat.list(names)))
                } else if let unparseable = scan.unparseableManifests.first {
                    blob.action = .keep(reason: "a manifest that does not parse may use it: \(unparseable)")
                } else if let status, let other = referencedFiles.blob(sameAs: status) {
                    blob.action = .keep(reason: "the same file as referenced blob \(other)")
                }
                blobs.append(blob)
            }
        }
        return RemovalReport(
            storePath: scan.root.path, applied: false,
            models: models.map {
                RemovalReport.Model(name: $0.displayName, manifestPath: $0.manifestPath, action: .remove)
            },
            blobs: blobs)
    }

    /// Carries out `plan`.
    /// - Parameter beforeEachDeletion: called before each blob's re-check (tests change the store there).
    public func apply(_ plan: RemovalReport, beforeEachDeletion: ((String) -> Void)? = nil) -> RemovalReport {
        var report = plan
        report.applied = true
        let records = Dictionary(scan.models.map { ($0.manifestPath, $0) }, uniquingKeysWith: { a, _ in a })
        var stillUsed = Set<BlobDigest>()
        for index in report.models.indices {
            let model = report.models[index]
            report.models[index].action = removeManifest(model.manifestPath, expected: records[model.manifestPath])
            if report.models[index].action != .removed, let record = records[model.manifestPath] {
                // A model left in place keeps its blobs.
                record.allBlobs.compactMap(\.blobDigest).forEach { stillUsed.insert($0) }
            }
        }
        FileSystem.syncDirectory(scan.root.manifestsPath)

        let check = DeletionCheck(references: ReferenceCheck(root: scan.root), referencedFiles: referencedFiles)
        var stopped: String?
        for index in report.blobs.indices where report.blobs[index].action == .delete {
            let blob = report.blobs[index]
            if let stopped {
                report.blobs[index].action = .keep(reason: stopped)
                continue
            }
            if stillUsed.contains(blob.digest) {
                report.blobs[index].action = .keep(reason: "its model was not removed")
                continue
            }
            beforeEachDeletion?(blob.path)
            report.blobs[index].action = recheckAndDelete(blob, check: check, stop: &stopped)
        }
        FileSystem.syncDirectory(scan.root.blobsPath)
        return report
    }

    /// Removes one manifest if it is still the one scanned, then the folders it leaves empty.
    private func removeManifest(_ path: String, expected: ModelRecord?) -> RemovalReport.Model.Action {
        guard let bytes = try? ReadOnlyFile.contents(ofFile: path) else { return .skipped(reason: "it is gone") }
        if let expected, let digest = try? SHA256Hasher.digest(of: bytes), digest != expected.manifestDigest {
            return .skipped(reason: "its manifest changed since it was read (pulled again?)")
        }
        do {
            try FileSystem.remove(path)
        } catch {
            return .failed(reason: error.reason)
        }
        var folder = FileSystem.folder(of: path)
        while folder.count > scan.root.manifestsPath.count, folder.hasPrefix(scan.root.manifestsPath + "/"),
            Folder.removeIfEmpty(folder)
        {
            folder = FileSystem.folder(of: folder)
        }
        return .removed
    }

    private func recheckAndDelete(_ blob: RemovalReport.Blob, check: DeletionCheck, stop: inout String?)
        -> RemovalReport.Blob.Action
    {
        switch check.judge(blob.path, digest: blob.digest) {
        case .stop(let reason):
            stop = reason
            return .keep(reason: reason)
        case .keep(let reason):
            return .keep(reason: reason)
        case .delete(let status):
            switch DeletionCheck.delete(blob.path, status: status) {
            case .success(let freed): return .deleted(freedBytes: freed)
            case .failure(let error): return .failed(reason: error.errno?.description ?? error.reason)
            }
        }
    }
}
