import FileIO
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces registry files so that a crash at any moment leaves either the old or the new file, never a torn
/// one (D11): the bytes go to a temp file in the same directory, are flushed with `fsync`, and the temp file
/// is renamed over the target; the directory is synced too. The previous version is kept as a timestamped
/// backup (O7), the newest `keptBackups` per file. A file whose bytes would not change is not touched (O15).
struct RegistryFileWriter {
    static let keptBackups = 10

    /// The UTC time used in backup names.
    var now: Date

    /// Writes `text` to `path` unless the file already holds exactly these bytes.
    /// - Returns: whether the file was written.
    @discardableResult
    func write(_ text: String, to path: String, backup: Bool = true) throws(RegistryError) -> Bool {
        let bytes = Array(text.utf8)
        if let current = try? Data(contentsOf: URL(fileURLWithPath: path)), Array(current) == bytes { return false }
        if backup && FileManager.default.fileExists(atPath: path) { try makeBackup(of: path) }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        unlink(temporary)  // a stale one, left by a killed run that had the same process id
        do {
            let file = try NewFile(creating: temporary)
            defer { file.close() }
            try bytes.withUnsafeBytes { raw in Result { () throws(FileIOError) in try file.write(raw) } }.get()
            try file.sync()
        } catch {
            unlink(temporary)
            throw RegistryError.writeFailed(path: path, reason: error.reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RegistryError.writeFailed(path: path, reason: reason)
        }
        NewFile.syncDirectory(directory.isEmpty ? "." : directory)
        return true
    }

    /// Renames `path` to `destination` (the migration's `model_registry.backup.pre_split.json`).
    func move(_ path: String, to destination: String) throws(RegistryError) {
        guard rename(path, destination) == 0 else { throw failure(destination, "cannot rename \(path)") }
        NewFile.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// `<stem>.<UTC %Y%m%d-%H%M%S>[-N].bak.json`, a hard copy of the current file; old backups beyond the
    /// newest `keptBackups` are removed.
    private func makeBackup(of path: String) throws(RegistryError) {
        let directory = (path as NSString).deletingLastPathComponent
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: now)
        let prefix = (directory.isEmpty ? "" : directory + "/") + stem + "." + stamp
        var candidate = prefix + ".bak.json"
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = prefix + "-\(counter).bak.json"
            counter += 1
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try write(String(decoding: data, as: UTF8.self), to: candidate, backup: false)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.unreadable(path: path, reason: "\(error)")
        }
        pruneBackups(directory: directory.isEmpty ? "." : directory, stem: stem)
    }

    private func pruneBackups(directory: String, stem: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        // A backup's name is the stem, a dot, 15 characters of timestamp, an optional -N, then .bak.json; the
        // stem must be followed by the timestamp so that "model_registry" does not match its layers' backups.
        let backups = names.filter { name in
            guard name.hasPrefix(stem + "."), name.hasSuffix(".bak.json") else { return false }
            let middle = name.dropFirst(stem.count + 1).dropLast(".bak.json".count)
            return middle.count >= 15 && middle.prefix(8).allSatisfy(\.isASCIIDigit) && middle.dropFirst(8).first == "-"
        }
        let ordered = backups.sorted { Self.backupOrder($0) < Self.backupOrder($1) }
        for name in ordered.dropLast(Self.keptBackups) { unlink(directory + "/" + name) }
    }

    /// Sorts `x.20261125-101500.bak.json` before `x.20261125-101500-2.bak.json` before `-10`.
    private static func backupOrder(_ name: String) -> (String, Int) {
        let core = name.dropLast(".bak.json".count)
        if let dash = core.lastIndex(of: "-"), let n = Int(core[core.index(after: dash)...]), core.distance(from: dash, to: core.endIndex) <= 4 {
            return (String(core[..<dash]), n)
        }
        return (String(core), 1)
    }

    private func failure(_ path: String, _ what: String) -> RegistryError {
        .writeFailed(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
