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
}
