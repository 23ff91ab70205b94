import FileIO

/// A leftover: a file in `blobs/` that no parseable manifest references. `verify` counts them (the partial
/// downloads apart from the rest, its "orphans"), `orphans` lists them, `du` adds them up, and `prune` deletes
/// the ones it may. They are classified here, once, by name.
public struct LeftoverFile: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A complete blob that no manifest references.
        case unreferencedBlob = "unreferenced_blob"
        /// A pull's `-partial` data file.
        case partialDownload = "partial_download"
        /// A pull's `-partial-N` progress file.
        case partialDownloadPart = "partial_download_part"
        /// A `.tmp` or `sha256-<digits>` file left by an interrupted create or pull.
        case temporary
        /// A name that is not a blob name at all.
        case foreign

        /// Whether the file belongs to an unfinished download rather than being an orphan.
        public var isPartial: Bool { self == .partialDownload || self == .partialDownloadPart }

        /// The kind as tables and text show it: the JSON name with spaces (`unreferenced blob`).
        public var label: String { rawValue.split(separator: "_").joined(separator: " ") }
    }

    public var path: String
    public var kind: Kind
    /// The digest its name carries (nil for temp and foreign files).
    public var digest: BlobDigest?
    /// The file's length (`st_size`; a `-partial` file is created at the full size of the blob), nil if it
    /// vanished.
    public var size: Int64?
    /// The bytes it occupies on disk (less than `size` for a sparse `-partial` file), nil if it vanished.
    public var allocatedBytes: Int64?
    /// What the file takes up: its length, or less when it is sparse (0 if it vanished).
    public var occupiedBytes: Int64 { allocatedBytes.map { min($0, size ?? $0) } ?? size ?? 0 }
    /// The mtime in nanoseconds since the epoch, nil if it vanished.
    public var modifiedNanoseconds: Int64?

    /// The leftovers of `scan`, in directory order, each `lstat`ed now; directories are skipped, as Ollama's
    /// prune skips them.
    static func all(in scan: StoreScan) -> [LeftoverFile] {
        scan.inventory.files.compactMap { file -> LeftoverFile? in
            guard !file.isDirectory else { return nil }
            let kind: Kind
            var digest: BlobDigest?
            switch file.kind {
            case .blob(let d, _):
                guard !scan.isReferenced(d) else { return nil }
                kind = .unreferencedBlob
                digest = d
            case .partialDownload(let d):
                kind = .partialDownload
                digest = d
            case .partialDownloadPart(let d, _):
                kind = .partialDownloadPart
                digest = d
            case .temporary: kind = .temporary
            case .other: kind = .foreign
            }
            let status = try? FileStatus(path: file.path, followingSymlinks: false)
            return LeftoverFile(
                path: file.path, kind: kind, digest: digest, size: status?.size, allocatedBytes: status?.allocatedBytes,
                modifiedNanoseconds: status?.modifiedNanoseconds)
        }
    }
}
