import FileIO

/// Every file in `blobs/`, classified by name, so that blobs can be found by digest and leftovers (partial
/// downloads, temp files, foreign names) can be reported.
public struct BlobInventory: Sendable {
    /// What a file in `blobs/` is, judged by its name.
    public enum Kind: Sendable, Equatable {
        /// `sha256-<hex>`, or the pre-v0.1.30 `sha256:<hex>` (`isLegacyName`).
        case blob(BlobDigest, isLegacyName: Bool)
        /// `sha256-<hex>-partial`: a classic pull's data file, truncated to the full size up front (sparse),
        /// so its length says nothing about progress.
        case partialDownload(BlobDigest)
        /// `sha256-<hex>-partial-<N>`: one JSON line recording the progress of part N.
        case partialDownloadPart(BlobDigest, index: Int)
        /// `sha256-<hex>.tmp` (a safetensors pull) or `sha256-<digits>` (`os.CreateTemp` during a create).
        case temporary
        /// Anything else, never part of a model.
        case other
    }

    /// One file (or directory) in `blobs/`.
    public struct File: Sendable, Equatable {
        public var name: String
        public var path: String
        public var kind: Kind
        /// Whether the directory entry is a directory (Ollama's prune skips directories).
        public var isDirectory: Bool
    }

    public let files: [File]
    /// The index of the first file holding each digest; a digest held by two files (`sha256-` and the legacy
    /// `sha256:` name) also has the later ones in `moreByDigest`. One integer per blob rather than an array
    /// keeps a 200,000-blob inventory small.
    private let byDigest: [BlobDigest: Int]
    private let moreByDigest: [BlobDigest: [Int]]

    /// Lists `blobs/` under `root`.
    public init(root: StoreRoot) throws(FileIOError) {
        let listing = try DirectoryListing(path: root.blobsPath)
        var files: [File] = []
        var byDigest: [BlobDigest: Int] = [:]
        var moreByDigest: [BlobDigest: [Int]] = [:]
        for entry in listing.entries {
            let path = root.blobsPath + "/" + entry.name
            var isDirectory = entry.kind == .directory
            if entry.kind == nil || entry.kind == .symlink {
                isDirectory = (try? FileStatus(path: path))?.kind == .directory
            }
            let kind = isDirectory ? .other : Self.classify(entry.name)
            if case .blob(let digest, _) = kind {
                if byDigest[digest] == nil { byDigest[digest] = files.count } else { moreByDigest[digest, default: []].append(files.count) }
            }
            files.append(File(name: entry.name, path: path, kind: kind, isDirectory: isDirectory))
        }
        self.files = files
        self.byDigest = byDigest
        self.moreByDigest = moreByDigest
    }

    /// The file holding `digest`: `sha256-<hex>` if present, else the legacy `sha256:<hex>`; `nil` if neither.
    public func file(for digest: BlobDigest) -> File? {
        let candidates = ((byDigest[digest].map { [$0] } ?? []) + (moreByDigest[digest] ?? [])).map { files[$0] }
        return candidates.first { if case .blob(_, false) = $0.kind { return true } else { return false } }
            ?? candidates.first
    }

    /// Classifies a file name in `blobs/`.
    public static func classify(_ name: String) -> Kind {
        let utf8 = Array(name.utf8)
        guard utf8.count >= 8, name.hasPrefix("sha256"), utf8[6] == UInt8(ascii: "-") || utf8[6] == UInt8(ascii: ":")
        else { return .other }
        let isLegacy = utf8[6] == UInt8(ascii: ":")
        if utf8.count >= 71, let digest = BlobDigest(hex: String(decoding: utf8[7..<71], as: UTF8.self)) {
            let suffix = String(decoding: utf8[71...], as: UTF8.self)
            if suffix.isEmpty { return .blob(digest, isLegacyName: isLegacy) }
            if suffix == "-partial" { return .partialDownload(digest) }
            if suffix.hasPrefix("-partial-"), let n = Int(suffix.dropFirst(9)), n >= 0,
                suffix.dropFirst(9).allSatisfy(\.isASCIIDigit)
            {
                return .partialDownloadPart(digest, index: n)
            }
            if suffix == ".tmp" { return .temporary }
            return .other
        }
        if !isLegacy && utf8[7...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return .temporary }
        return .other
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
