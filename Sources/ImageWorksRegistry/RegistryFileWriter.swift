import FileIO
import Foundation

/// Replaces registry files so that a crash at any moment leaves either the old or the new file, never a torn
/// one: each file is written through `AtomicFile` (a temporary file beside it, flushed, renamed over it, the
/// folder flushed). The previous version is kept as a timestamped backup, the newest `keptBackups` per file.
/// A file whose bytes would not change is not touched.
struct RegistryFileWriter {
    static let keptBackups = 10

    /// The UTC time used in backup names.
    var now: Date

    /// Writes `text` to `path` unless the file already holds exactly these bytes.
    /// - Returns: whether the file was written.
    @discardableResult
    func write(_ text: String, to path: String, backup: Bool = true) throws(RegistryError) -> Bool {
        let bytes = Array(text.utf8)
        let current: [UInt8]?
        do {
            current = try ReadOnlyFile.contents(ofFile: path, limit: Registry.maximumFileSize)
        } catch {
            // A file that is there but cannot be read cannot be backed up: better no write than no backup.
            guard !backup || error.isMissingFile else {
                throw RegistryError.unreadable(path: path, reason: error.reason)
            }
            current = nil
        }
        if current == bytes { return false }
        if backup, let current { try makeBackup(of: path, holding: current) }
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw RegistryError.writeFailed(path: path, reason: error.reason)
        }
        return true
    }

    /// Renames `path` to `destination` (the migration's `model_registry.backup.pre_split.json`).
    func move(_ path: String, to destination: String) throws(RegistryError) {
        do {
            try FileSystem.rename(path, to: destination)
        } catch {
            throw RegistryError.writeFailed(path: destination, reason: "cannot rename \(path): \(error.reason)")
        }
        FileSystem.syncDirectory(FileSystem.folder(of: path))
    }

    /// `<stem>.<UTC %Y%m%d-%H%M%S>[-N].bak.json`, a copy of the current bytes; old backups beyond the newest
    /// `keptBackups` are removed.
    private func makeBackup(of path: String, holding bytes: [UInt8]) throws(RegistryError) {
        let directory = FileSystem.folder(of: path)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let prefix = directory + "/" + stem + "." + formatter.string(from: now)
        var candidate = prefix + ".bak.json"
        var counter = 2
        while FileSystem.exists(candidate) {
            candidate = prefix + "-\(counter).bak.json"
            counter += 1
        }
        do {
            try AtomicFile.write(bytes, to: candidate, replacingExisting: false)
        } catch {
            throw RegistryError.writeFailed(path: candidate, reason: error.reason)
        }
        pruneBackups(directory: directory, stem: stem)
    }

    private func pruneBackups(directory: String, stem: String) {
        guard let listing = try? DirectoryListing(path: directory) else { return }
        // A backup's name is the stem, a dot, 15 characters of timestamp, an optional -N, then .bak.json; the
        // stem must be followed by the timestamp so that "model_registry" does not match its layers' backups.
        let backups = listing.entries.map(\.name).filter { name in
            guard name.hasPrefix(stem + "."), name.hasSuffix(".bak.json") else { return false }
            let middle = name.dropFirst(stem.count + 1).dropLast(".bak.json".count)
            return middle.count >= 15 && middle.prefix(8).allSatisfy(\.isASCIIDigit) && middle.dropFirst(8).first == "-"
        }
        let ordered = backups.sorted { Self.backupOrder($0) < Self.backupOrder($1) }
        // Only a clean-up: a backup that cannot be removed stays.
        for name in ordered.dropLast(Self.keptBackups) { try? FileSystem.remove(directory + "/" + name) }
    }

    /// Sorts `x.20261125-101500.bak.json` before `x.20261125-101500-2.bak.json` before `-10`.
    private static func backupOrder(_ name: String) -> (String, Int) {
        let core = name.dropLast(".bak.json".count)
        if let dash = core.lastIndex(of: "-"), let n = Int(core[core.index(after: dash)...]),
            core.distance(from: dash, to: core.endIndex) <= 4
        {
            return (String(core[..<dash]), n)
        }
        return (String(core), 1)
    }
}
