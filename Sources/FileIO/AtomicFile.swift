import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that appears under its final name whole or not at all: the bytes go to a hidden temporary file
/// beside the target, which is flushed with `fsync` and renamed over the target, and the folder is flushed so
/// the rename survives a crash. Every failure removes the temporary file; a process killed part-way leaves it
/// behind, and the next writer of the same target removes it once that process no longer exists.
///
/// The temporary name is `.<name>.ollama-scan-<pid>.tmp`: hidden, never a final name, and owned by the
/// process in it.
public final class AtomicFile {
    /// The final name.
    public let target: String
    /// Where the bytes are written until `commit()`.
    public let temporaryPath: String
    /// The temporary file: write into it, then `commit()`.
    public let file: NewFile
    private var isFinished = false

    /// Creates the temporary file for `target`, first removing temporary files of `target` left by writers
    /// that were killed.
    /// - Parameters:
    ///   - permissions: the new file's mode, before the umask.
    ///   - writesBehind: see `NewFile`; for a large file written once from start to end.
    public init(
        target: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        writesBehind: Bool = false
    ) throws(FileIOError) {
        self.target = target
        temporaryPath = Self.freshTemporaryPath(for: target)
        file = try NewFile(creating: temporaryPath, permissions: permissions, writesBehind: writesBehind)
    }

    deinit { discard() }

    /// Flushes the file and gives it its final name.
    /// - Parameter replacingExisting: false refuses to replace anything at `target`: the file is then
    ///   discarded and the error is `FileIOError.update(target, "rename", .fileExists)`.
    public func commit(replacingExisting: Bool = true) throws(FileIOError) {
        precondition(!isFinished, "an atomic file is committed or discarded once")
        do {
            try file.sync()
            file.close()
            try Self.rename(temporaryPath, to: target, replacingExisting: replacingExisting)
        } catch {
            discard()
            throw error
        }
        isFinished = true
    }

    /// Removes the temporary file without touching the target.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        file.close()
        try? FileSystem.removeIfPresent(temporaryPath)
    }

    /// Writes `bytes` as the whole new content of `target`.
    public static func write(
        _ bytes: [UInt8], to target: String, replacingExisting: Bool = true,
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead]
    ) throws(FileIOError) {
        let atomic = try AtomicFile(target: target, permissions: permissions)
        do {
            try bytes.withUnsafeBytes { raw in Result { () throws(FileIOError) in try atomic.file.write(raw) } }.get()
        } catch {
            atomic.discard()
            throw error
        }
        try atomic.commit(replacingExisting: replacingExisting)
    }

    /// Makes `target` a symbolic link to `destination`, through a temporary name.
    public static func placeSymbolicLink(
        at target: String, pointingTo destination: String, replacingExisting: Bool = true
    ) throws(FileIOError) {
        try place(at: target, replacingExisting: replacingExisting) { temporary throws(FileIOError) in
            try FileSystem.symbolicLink(at: temporary, pointingTo: destination)
        }
    }

    /// Makes `target` another name of the file `source` names (a link is followed), through a temporary name.
    public static func placeHardLink(at target: String, to source: String, replacingExisting: Bool = true)
        throws(FileIOError)
    {
        try place(at: target, replacingExisting: replacingExisting) { temporary throws(FileIOError) in
            try FileSystem.hardLink(at: temporary, to: source)
        }
    }

    private static func place(
        at target: String, replacingExisting: Bool, _ make: (String) throws(FileIOError) -> Void
    ) throws(FileIOError) {
        let temporary = freshTemporaryPath(for: target)
        do {
            try make(temporary)
            try rename(temporary, to: target, replacingExisting: replacingExisting)
        } catch {
            try? FileSystem.removeIfPresent(temporary)
            throw error
        }
    }

    /// Renames `temporary` to `target`, then flushes the folder.
    ///
    /// Without replacing, the new name is made with `link`, which fails atomically when the name exists, and
    /// the temporary name is then removed; a file system without hard links (FAT, exFAT) gets a check just
    /// before an ordinary rename instead.
    private static func rename(_ temporary: String, to target: String, replacingExisting: Bool) throws(FileIOError) {
        if replacingExisting {
            try FileSystem.rename(temporary, to: target)
        } else if linkat(AT_FDCWD, temporary, AT_FDCWD, target, 0) == 0 {
            try? FileSystem.remove(temporary)
        } else {
            guard Errno(rawValue: errno) != .fileExists, !FileSystem.exists(target) else {
                throw .update(path: target, call: "rename", errno: .fileExists)
            }
            try FileSystem.rename(temporary, to: target)
        }
        // rename() does nothing when both names already name one file (a hard link placed again over
        // itself), which would leave the temporary name behind.
        try? FileSystem.removeIfPresent(temporary)
        FileSystem.syncDirectory(FileSystem.folder(of: target))
    }

    // MARK: - Temporary names

    /// This process's temporary name for `target`, cleared: abandoned temporary files of the folder are
    /// removed first, and so is a file under this very name, left by a killed process that had our ID.
    private static func freshTemporaryPath(for target: String) -> String {
        removeAbandonedTemporaryFiles(of: target)
        let temporary = FileSystem.folder(of: target) + "/." + name(of: target) + ".ollama-scan-\(getpid()).tmp"
        try? FileSystem.removeIfPresent(temporary)
        return temporary
    }

    /// Removes the temporary files in the target's folder whose writer no longer runs: any hidden
    /// `.<name>.ollama-scan-<pid>.tmp` (ours, whatever its target: a killed run may have been writing a backup
    /// or another file of the folder), and `.<target name>.<pid>.tmp`, the name earlier versions gave registry
    /// files. Only a clean-up: a file that cannot be removed stays.
    static func removeAbandonedTemporaryFiles(of target: String) {
        let folder = FileSystem.folder(of: target)
        let legacyPrefix = "." + name(of: target) + "."
        guard let listing = try? DirectoryListing(path: folder) else { return }
        for entry in listing.entries where entry.kind != .directory && entry.name.hasPrefix(".") {
            guard let pid = writerProcess(entry.name, legacyPrefix: legacyPrefix), !FileSystem.processExists(pid)
            else { continue }
            try? FileSystem.remove(folder + "/" + entry.name)
        }
    }

    /// The process ID in `.<anything>.ollama-scan-<pid>.tmp`, or in `<legacyPrefix><pid>.tmp`.
    private static func writerProcess(_ name: String, legacyPrefix: String) -> Int32? {
        guard name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropLast(4)
        let digits: Substring
        if let marker = stem.ranges(of: ".ollama-scan-").last {
            digits = stem[marker.upperBound...]
        } else if stem.hasPrefix(legacyPrefix) {
            digits = stem.dropFirst(legacyPrefix.count)
        } else {
            return nil
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0
        else { return nil }
        return pid
    }

    private static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
