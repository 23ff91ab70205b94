import ArgumentParser
import Foundation
import ImageWorksRegistry
import RegistryImport

/// `--registry-dir DIR` / `--registry FILE`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The layered registry directory (default: $IMAGEWORKS_REGISTRY_DIR, else configs).", valueName: "dir"))
    var registryDir: String?

    @Option(
        help: ArgumentHelp(
            "A single registry file instead of the layered directory.", valueName: "file"))
    var registry: String?

    func validate() throws {
        if registryDir != nil && registry != nil {
            throw ValidationError("--registry-dir and --registry cannot be combined.")
        }
    }

    /// Where the registry is; prints a one-line note when `--registry` names a layered registry's merged
    /// snapshot, which is then read and written through its layers.
    func location() -> RegistryLocation {
        let (location, note) = RegistryLocation.resolve(
            directory: registryDir, file: registry, environment: ProcessInfo.processInfo.environment)
        if let note { Console.error("note: \(note)") }
        return location
    }

    /// `Registry.update` at the chosen location, printing the registry's warnings once it is loaded; registry
    /// errors become exit code 2.
    func transaction<T>(
        dryRun: Bool, allowingMissing: Bool = false, backup: Bool = true, _ change: (inout Registry) throws -> T
    ) throws -> (result: T, written: [String], location: RegistryLocation) {
        let location = location()
        do {
            let (result, written) = try Registry.update(
                location, dryRun: dryRun, allowingMissing: allowingMissing, backup: backup
            ) { registry in
                registry.warnings.forEach { Console.error("warning: \($0)") }
                return try change(&registry)
            }
            return (result, written, location)
        } catch let error as RegistryError {
            throw CommandFailure.unusable(error.description)
        }
    }
}
