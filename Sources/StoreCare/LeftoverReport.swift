import OllamaStore

/// What `orphans` reports: the store's leftovers, and how far each partial download got.
public struct LeftoverReport: Sendable {
    public var storePath: String
    /// In directory order.
    public var leftovers: [LeftoverFile]
    /// In digest order.
    public var partialDownloads: [PartialDownload]
    /// While there are any, a blob that only they reference is listed as a leftover but may not be one.
    public var unparseableManifests: [String]

    /// The leftovers of `scan`, each `lstat`ed now, and the part files of its downloads, read now.
    public init(scan: StoreScan) {
        storePath = scan.root.path
        leftovers = scan.leftovers()
        partialDownloads = PartialDownload.all(in: leftovers)
        unparseableManifests = scan.unparseableManifests
    }

    /// The bytes the leftovers occupy.
    public var occupiedBytes: Int64 { leftovers.reduce(0) { $0 + $1.occupiedBytes } }
}
