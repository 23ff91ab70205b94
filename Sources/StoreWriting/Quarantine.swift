import FileIO
import OllamaStore

/// Where damaged blobs go instead of being deleted: a folder outside `blobs/` (by default beside the store,
/// named with the date), so that Ollama sees them missing and `ollama pull` fetches them again, while their
/// bytes stay for whoever wants to look at them.
public struct Quarantine: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// `<the store's parent>/ollama-scan-quarantine-<YYYY-MM-DD>`: beside the store, so usually on its file
    /// system, where a move is a rename.
    public static func beside(_ root: StoreRoot, nowNanoseconds: Int64) -> Quarantine {
        let day = HumanFormat.timestamp(nanosecondsSinceEpoch: nowNanoseconds).prefix(10)
        return Quarantine(folder: FileSystem.folder(of: root.path) + "/ollama-scan-quarantine-" + day)
    }

    /// Moves `path` into the folder (made if missing) under its own name, or with `.1`, `.2`… when that is
    /// taken; returns where it went.
    /// - Throws: the rename's error; across file systems (`EXDEV`) the caller should name another folder.
    public func move(_ path: String) throws(FileIOError) -> String {
        let target = try freeName(for: path)
        try FileSystem.rename(path, to: target)
        FileSystem.syncDirectory(FileSystem.folder(of: path))
        FileSystem.syncDirectory(folder)
        return target
    }

    /// Gives the file at `path` a second name in the folder (a hard link) and leaves it where it is: a good
    /// copy can then replace it in one rename, so the blob's name is never empty, even if the writer is killed.
    /// - Throws: the link's error (`EXDEV` across file systems, `EPERM` for a folder); the caller then moves.
    public func keep(_ path: String) throws(FileIOError) -> String {
        let target = try freeName(for: path)
        try FileSystem.hardLink(at: target, to: path)
        FileSystem.syncDirectory(folder)
        return target
    }

    /// Where `path`'s file goes when nothing in the folder has its name yet (what a dry run reports).
    public func destination(of path: String) -> String {
        folder + "/" + String(path.split(separator: "/").last ?? "blob")
    }

    /// The folder, made if missing, and a name in it for `path`'s file that nothing has.
    private func freeName(for path: String) throws(FileIOError) -> String {
        try Folder.create(folder)
        // The folder is ours and the store's writers take turns, so a name free now is free at the rename.
        let first = destination(of: path)
        var target = first
        var attempt = 0
        while FileSystem.exists(target) {
            attempt += 1
            target = first + ".\(attempt)"
        }
        return target
    }
}
