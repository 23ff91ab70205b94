import ArgumentParser
import Foundation
import ModelRegistry

/// `--registry-dir DIR` / `--registry FILE`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The layered registry directory (default: $IMAGEWORKS_REGISTRY_DIR, else configs).", valueName: "dir"))
    var registryDir: String?

    @Option(help: ArgumentHelp(
        "A single registry file instead of the layered directory.", valueName: "file"))
    var registry: String?

    func validate() throws {
        if registryDir != nil && registry != nil {
            throw ValidationError("--registry-dir and --registry cannot be combined.")
        }
    }

    /// Where the registry is; prints the one-line note when `--registry` names a layered snapshot (O13).
    func location() -> RegistryLocation {
        let (location, note) = RegistryLocation.resolve(
            directory: registryDir, file: registry, environment: ProcessInfo.processInfo.environment)
        if let note { Console.error("note: \(note)") }
        return location
    }

    /// Loads the registry, lets `change` edit it in memory, and saves it unless `dryRun`: under the registry
    /// lock from load to the last rename, each changed file written once, atomically, with a backup. A dry
    /// run creates nothing, not even the lock file. Registry errors become exit code 2.
    func transaction<T>(
        dryRun: Bool, allowingMissing: Bool = false, backup: Bool = true, _ change: (inout Registry) throws -> T
    ) throws -> (result: T, written: [String], location: RegistryLocation) {
        let location = location()
        do {
            var lock: RegistryLock?
            if !dryRun {
                if case .layered(let directory) = location {
                    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                lock = try RegistryLock(path: location.lockPath)
            }
            defer { lock?.release() }
            var registry = try Registry.load(location, allowingMissing: allowingMissing)
            registry.warnings.forEach { Console.error("warning: \($0)") }
            let result = try change(&registry)
            let written = dryRun ? [] : try registry.save(backup: backup)
            return (result, written, location)
        } catch let error as RegistryError {
            throw CommandFailure.unusable(error.description)
        }
    }
}
