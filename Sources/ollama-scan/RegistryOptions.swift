import ArgumentParser
import Foundation
import ImageWorksRegistry
import RegistryImport

/// `--registry-dir DIR` / `--registry FILE`, shared by every command that reads or writes the registry.
struct RegistryOptions: ParsableArguments {
    /// How the registry is found, for the commands' help.
    static let help = """
        The registry is --registry-dir DIR (a layered registry's folder) or --registry FILE (one file), else \
        $IMAGEWORKS_REGISTRY_DIR, else ./configs when a registry is already there.
        """

    @Option(
        help: ArgumentHelp(
            "The layered registry's folder (default: $IMAGEWORKS_REGISTRY_DIR, else ./configs).", valueName: "dir"),
        completion: .directory)
    var registryDir: String?

    @Option(
        help: ArgumentHelp(
            "A single registry file instead of the layered directory.", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var registry: String?

    func validate() throws {
        if registryDir != nil && registry != nil {
            throw ValidationError("--registry-dir and --registry cannot be combined.")
        }
    }

    /// Whether neither flag nor `$IMAGEWORKS_REGISTRY_DIR` names the registry (`./configs` is then assumed).
    var isDefaulted: Bool {
        registryDir == nil && registry == nil
            && (ProcessInfo.processInfo.environment["IMAGEWORKS_REGISTRY_DIR"] ?? "").isEmpty
    }

    /// Where the registry is; prints a one-line note when `--registry` names a layered registry's merged
    /// snapshot, which is then read and written through its layers.
    func location() -> RegistryLocation {
        let (location, note) = RegistryLocation.resolve(
            directory: registryDir, file: registry, environment: ProcessInfo.processInfo.environment)
        if let note { Console.error("note: \(note)") }
        return location
    }

    /// The registry, read only; its warnings go to stderr, and registry errors become exit code 2.
    func load() throws -> Registry {
        let registry: Registry
        do {
            registry = try Registry.load(location())
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        registry.warnings.forEach { Console.error("warning: \($0)") }
        return registry
    }

    /// `Registry.update` at the chosen location, the registry's warnings added to `warnings` once it is loaded;
    /// registry errors become exit code 2.
    /// - Parameter allowingMissing: start a new registry where none is yet, but only where the user pointed:
    ///   the `./configs` default must already hold one, so that no stray `configs/` is made in whatever folder
    ///   the command runs in.
    /// - Parameter resolved: the location an earlier transaction of the same run resolved (its note printed).
    func transaction<T>(
        dryRun: Bool, allowingMissing: Bool = false, backup: Bool = true, at resolved: RegistryLocation? = nil,
        warnings: inout CommandWarnings, _ change: (inout Registry) throws -> T
    ) throws -> (result: T, written: [String], location: RegistryLocation) {
        let location = resolved ?? location()
        if allowingMissing && isDefaulted && !location.exists {
            throw CommandFailure.unusable(
                "no ImageWorks registry in ./configs: point at yours with --registry-dir DIR (or "
                    + "$IMAGEWORKS_REGISTRY_DIR); --registry-dir DIR also starts a new one there")
        }
        do {
            let (result, written) = try Registry.update(
                location, dryRun: dryRun, allowingMissing: allowingMissing, backup: backup
            ) { registry in
                registry.warnings.forEach { warnings.add($0) }
                return try change(&registry)
            }
            return (result, written, location)
        } catch let error as RegistryError {
            throw CommandFailure.unusable(error.description)
        }
    }
}
