import FileIO
import Foundation

extension Registry {
    /// Loads the registry at `location`, lets `change` edit it in memory, and saves it unless `dryRun`: under
    /// the registry's lock from the load to the last rename (so concurrent writers take turns and none loses
    /// another's entries), each changed file written once, atomically, with a backup. A dry run creates
    /// nothing, not even the lock file or the registry's folder.
    ///
    /// - Parameters:
    ///   - allowingMissing: start from an empty registry when there is none yet (an import into a new folder).
    ///   - backup: false skips the backups.
    ///   - change: edits the loaded registry; what it returns is returned. Its errors are passed on, and
    ///     nothing is saved then.
    /// - Returns: what `change` returned and the paths written.
    /// - Throws: `RegistryError` for a registry that cannot be locked, read or written, or `change`'s error.
    public static func update<Result>(
        _ location: RegistryLocation, dryRun: Bool, allowingMissing: Bool = false, backup: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date(),
        _ change: (inout Registry) throws -> Result
    ) throws -> (result: Result, written: [String]) {
        var lock: FileLock?
        if !dryRun {
            if case .layered(let directory) = location {
                // The lock file lives in the folder; a folder that cannot be made is reported by the save.
                _ = try? Folder.create(directory)
            }
            do {
                lock = try FileLock(path: location.lockPath)
            } catch {
                throw RegistryError.lockFailed(path: location.lockPath, reason: error.reason)
            }
        }
        defer { lock?.release() }
        var registry = try load(location, allowingMissing: allowingMissing, environment: environment)
        let result = try change(&registry)
        let written = dryRun ? [] : try registry.save(now: now, backup: backup)
        return (result, written)
    }
}
