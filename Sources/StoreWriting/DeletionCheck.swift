import FileIO
import OllamaStore

/// The check right before each unlink, shared by `prune` and `rm`: the manifests are read again (those that
/// changed), so that a pull or create that finished meanwhile keeps its blobs; the file is looked at again; and
/// a file that is the same as a referenced blob (a link made meanwhile) is never deleted.
struct DeletionCheck {
    enum Verdict {
        /// The store is no longer safe to delete from: no more deletions in this run.
        case stop(reason: String)
        case keep(reason: String)
        /// Delete it: this is what it is now.
        case delete(FileStatus)
    }

    let references: ReferenceCheck
    let referencedFiles: ReferencedFiles

    /// Judges the file at `path`, whose blob is `digest` when it is one.
    /// - Parameter keepReason: the caller's own conditions on the file as it is now (prune's grace period).
    func judge(_ path: String, digest: BlobDigest?, keepReason: (FileStatus) -> String? = { _ in nil }) -> Verdict {
        let current: (referenced: Set<BlobDigest>, unparseable: [String])
        do {
            current = try references.current()
        } catch {
            return .stop(reason: "manifests/ cannot be read: \(error.reason)")
        }
        if !current.unparseable.isEmpty {
            return .stop(reason: "a manifest stopped parsing: \(current.unparseable.joined(separator: ", "))")
        }
        if let digest, current.referenced.contains(digest) { return .keep(reason: "referenced now") }
        let status: FileStatus
        do {
            status = try FileStatus(path: path, followingSymlinks: false)
        } catch {
            return .keep(reason: "vanished")
        }
        if status.kind == .directory { return .keep(reason: "a directory now") }
        if let reason = keepReason(status) { return .keep(reason: reason) }
        referencedFiles.add(current.referenced)
        if let blob = referencedFiles.blob(sameAs: status) {
            return .keep(reason: "the same file as referenced blob \(blob)")
        }
        return .delete(status)
    }

    /// Deletes the file judged deletable; returns the bytes it freed, or why it failed.
    static func delete(_ path: String, status: FileStatus) -> Result<Int64, FileIOError> {
        do {
            try FileSystem.remove(path)
        } catch {
            return .failure(error)
        }
        return .success(freedBytes(status))
    }

    /// What deleting a file gives back: what it occupies, or nothing while another name links to it.
    static func freedBytes(_ status: FileStatus) -> Int64 {
        status.linkCount > 1 ? 0 : min(status.allocatedBytes, status.size)
    }
}
