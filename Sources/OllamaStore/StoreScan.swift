/// The result of scanning a store: its models, what was wrong, and its blob files.
public struct StoreScan: Sendable {
    public var root: StoreRoot
    /// Models in manifest-path order (callers sort for display).
    public var models: [ModelRecord]
    public var warnings: [StoreWarning]
    public var inventory: BlobInventory
    /// For each of `inventory.files`, whether a parseable manifest at depth 4 (a valid name or not)
    /// references its digest, as a layer or as the config: what Ollama's prune keeps. One flag per file
    /// rather than a set of digests keeps a 100,000-model scan small.
    var referencedFiles: [Bool]
    /// Depth-4 files with a valid name that do not parse as manifests. While there are any, a blob that only
    /// such a file references cannot be told from an orphan (and Ollama skips its own prune).
    public var unparseableManifests: [String]

    /// Whether a parseable manifest references `digest` and `blobs/` holds a file for it.
    public func isReferenced(_ digest: BlobDigest) -> Bool {
        inventory.index(of: digest).map { referencedFiles[$0] } ?? false
    }

    /// The files in `blobs/` that no parseable manifest references, classified, each `lstat`ed now (sizes and
    /// ages are read when asked for, not kept by the scan).
    public func leftovers() -> [LeftoverFile] { LeftoverFile.all(in: self) }

    /// The models `query` names, as Ollama resolves a name: parsed with the defaults (`llama3` is
    /// `llama3:latest`), every part compared without case. An exact-case match comes first.
    public func models(matching query: String) -> [ModelRecord] {
        let wanted = ModelName(parsing: query)
        return models.filter { $0.name.matches(wanted) }.sorted { a, _ in a.name == wanted }
    }

    /// Names close to `query`, for an error message: the same model with other tags, names containing the
    /// query, then names within a small edit distance.
    public func suggestions(for query: String, limit: Int = 5) -> [String] {
        let wanted = ModelName(parsing: query)
        let needle = query.lowercased()
        var scored: [(score: Int, name: String)] = []
        for model in models {
            let name = model.displayName
            let lower = name.lowercased()
            if model.name.model.lowercased() == wanted.model.lowercased() {
                scored.append((0, name))
            } else if lower.contains(needle) || needle.contains(model.name.model.lowercased()) {
                scored.append((1, name))
            } else {
                let distance = Self.editDistance(Array(needle.utf8), Array(model.name.model.lowercased().utf8))
                if distance <= max(2, needle.count / 3) { scored.append((2 + distance, name)) }
            }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.score, $0.name) < ($1.score, $1.name) }.map(\.name)
            .filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
