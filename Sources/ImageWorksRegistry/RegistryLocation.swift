import FileIO
import Foundation

/// Where a registry lives: a directory of layers (the original's default) or one file.
public enum RegistryLocation: Sendable, Equatable, CustomStringConvertible {
    /// `model_registry.curated.json` + `model_registry.discovered.json`, merged into `model_registry.json`.
    case layered(directory: String)
    /// One file holding the whole registry.
    case singleFile(path: String)

    /// The hand-curated layer, which this project never writes.
    public static let curatedName = "model_registry.curated.json"
    /// The layer imports and backfills write.
    public static let discoveredName = "model_registry.discovered.json"
    /// The merged snapshot, rewritten at every save of a layered registry.
    public static let snapshotName = "model_registry.json"
    /// Where a lone snapshot goes when a save first splits it into layers.
    public static let preSplitBackupName = "model_registry.backup.pre_split.json"

    /// Resolves `--registry FILE` / `--registry-dir DIR` as the original does: a file is single-file mode unless it is the merged snapshot of a layered directory; otherwise the
    /// directory is `--registry-dir`, else `$IMAGEWORKS_REGISTRY_DIR`, else `configs`.
    /// - Returns: the location, and a note for stderr when `--registry` was switched to layered mode.
    public static func resolve(directory: String?, file: String?, environment: [String: String])
        -> (location: RegistryLocation, note: String?)
    {
        if let file {
            let parent = (file as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? "." : parent
            let noLayering = environment["IMAGEWORKS_REGISTRY_NO_LAYERING"] == "1"
            let hasLayers = [curatedName, discoveredName].contains { FileSystem.exists(folder + "/" + $0) }
            if !noLayering && (file as NSString).lastPathComponent == snapshotName && hasLayers {
                return (
                    .layered(directory: folder),
                    "\(file) is the merged snapshot of a layered registry; using the layers in \(folder)"
                )
            }
            return (.singleFile(path: file), nil)
        }
        let folder = directory ?? environment["IMAGEWORKS_REGISTRY_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "configs"
        return (.layered(directory: folder), nil)
    }

    /// Whether a registry is there: any of a layered registry's files, or the single file.
    public var exists: Bool {
        switch self {
        case .layered(let directory):
            return [Self.curatedName, Self.discoveredName, Self.snapshotName].contains {
                FileSystem.exists(directory + "/" + $0)
            }
        case .singleFile(let path): return FileSystem.exists(path)
        }
    }

    /// The folder of a layered registry, or the file.
    public var description: String {
        switch self {
        case .layered(let directory): return directory
        case .singleFile(let path): return path
        }
    }

    /// The advisory lock file every writer of this registry holds while it writes.
    public var lockPath: String {
        switch self {
        case .layered(let directory): return directory + "/.model_registry.lock"
        case .singleFile(let path): return path + ".lock"
        }
    }

    func file(_ name: String) -> String {
        if case .layered(let directory) = self { return directory + "/" + name }
        return description
    }
}
