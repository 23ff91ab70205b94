import FileIO

/// Finds the manifest files under `manifests/` as Ollama does: the files at depth 4
/// (`<host>/<namespace>/<model>/<tag>`), following symbolic links as Go's `filepath.Glob` does. Files at other
/// depths and dangling links become warnings. The scan and prune's re-check both walk with it.
public struct ManifestWalk {
    /// One file at depth 4, named by its four path components.
    public struct Candidate: Sendable {
        public var path: String
        public var name: ModelName
    }

    /// Files deeper than this below `manifests/` are not looked for (a guard against symlink loops).
    static let maximumDepth = 12

    public private(set) var candidates: [Candidate] = []
    public private(set) var warnings: [StoreWarning] = []

    /// Walks `manifestsDirectory`.
    /// - Throws: `FileIOError` only when `manifestsDirectory` itself cannot be listed.
    public init(manifestsDirectory: String) throws(FileIOError) {
        try walk(manifestsDirectory, parts: [])
    }

    private mutating func walk(_ directory: String, parts: [String]) throws(FileIOError) {
        let listing: DirectoryListing
        do {
            listing = try DirectoryListing(path: directory)
        } catch {
            if parts.isEmpty { throw error }
            warnings.append(StoreWarning(path: directory, reason: "unreadable directory: \(error.reason)"))
            return
        }
        for entry in listing.entries {
            let path = directory + "/" + entry.name
            let depth = parts.count + 1
            var kind = entry.kind
            if kind == nil || kind == .symlink {
                do {
                    kind = try FileStatus(path: path).kind
                } catch {
                    let reason =
                        error.isMissingFile
                        ? "dangling symbolic link" : "cannot stat: \(error.errno?.message ?? error.reason)"
                    warnings.append(StoreWarning(path: path, reason: reason))
                    continue
                }
            }
            if kind == .directory {
                // Below depth 4 Ollama looks no further; follow real directories only, so a link loop ends.
                if depth >= 4 && entry.kind != .directory { continue }
                if depth < Self.maximumDepth {
                    try walk(path, parts: parts + [entry.name])
                }
            } else if depth == 4 {
                candidates.append(Candidate(path: path, name: ModelName(pathComponents: parts + [entry.name])))
            } else {
                warnings.append(
                    StoreWarning(
                        path: path,
                        reason:
                            "not a manifest: a file at depth \(depth) below manifests/, manifests are at depth 4 (<host>/<namespace>/<model>/<tag>)"
                    ))
            }
        }
    }
}
