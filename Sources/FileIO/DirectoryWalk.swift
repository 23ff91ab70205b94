/// Every file below a folder, at any depth: the folders themselves are walked, not listed, and a symbolic
/// link to a folder is listed as a link, never followed (so a link loop cannot trap the walk).
public struct DirectoryWalk: Sendable {
    /// One name below the root.
    public struct Entry: Sendable, Equatable {
        /// The path below the root, `/`-separated (`sub/model.gguf`).
        public var relativePath: String
        /// What the name is, without following a link.
        public var kind: FileStatus.Kind
    }

    public let root: String
    /// The entries in the order of a depth-first walk, each folder's names sorted bytewise.
    public let entries: [Entry]

    /// Walks `root`; folders below it that cannot be listed are skipped.
    /// - Parameter limit: stop after this many entries (a guess from file names needs only the first few
    ///   hundred, and a path may name a huge tree).
    /// - Throws: `FileIOError.listDirectory` only when `root` itself cannot be listed.
    public init(root: String, limit: Int = .max) throws(FileIOError) {
        self.root = root
        var entries: [Entry] = []
        try Self.walk(root, prefix: "", into: &entries, limit: limit, isRoot: true)
        self.entries = entries
    }

    private static func walk(_ folder: String, prefix: String, into entries: inout [Entry], limit: Int, isRoot: Bool)
        throws(FileIOError)
    {
        let listing: DirectoryListing
        do {
            listing = try DirectoryListing(path: folder)
        } catch {
            if isRoot { throw error }
            return
        }
        for entry in listing.entries {
            guard entries.count < limit else { return }
            let path = folder + "/" + entry.name
            guard let kind = entry.kind ?? (try? FileStatus(path: path, followingSymlinks: false))?.kind else {
                continue
            }
            if kind == .directory {
                try walk(path, prefix: prefix + entry.name + "/", into: &entries, limit: limit, isRoot: false)
            } else {
                entries.append(Entry(relativePath: prefix + entry.name, kind: kind))
            }
        }
    }
}
