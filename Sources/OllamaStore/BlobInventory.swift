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
        public var kind: Kind
        /// Whether the directory entry is a directory (Ollama's prune skips directories).
        public var isDirectory: Bool
        /// `blobs/`'s path, one string shared by every file, so that a path is only built when asked for.
        fileprivate var directory: String
        /// The name, kept only when the kind does not spell it (a blob's name is its digest).
        fileprivate var unusualName: String?

        public var name: String {
            if let unusualName { return unusualName }
            guard case .blob(let digest, let isLegacyName) = kind else { return "" }
            return isLegacyName ? digest.legacyBlobFileName : digest.blobFileName
        }

        public var path: String { directory + "/" + name }
    }

    public let files: [File]
    /// The indices of the blob files, ordered by digest and, for one digest, the `sha256-` name before the
    /// legacy `sha256:` one. A sorted index of 4-byte integers keeps a 200,000-blob inventory a few hundred
    /// kilobytes, where a dictionary keyed by digest took tens of megabytes.
    private let blobsByDigest: [UInt32]

    /// Lists `blobs/` under `root`.
    public init(root: StoreRoot) throws(FileIOError) {
        let listing = try DirectoryListing(path: root.blobsPath)
        let directory = root.blobsPath
        var files: [File] = []
        files.reserveCapacity(listing.entries.count)
        for entry in listing.entries {
            var isDirectory = entry.kind == .directory
            if entry.kind == nil || entry.kind == .symlink {
                isDirectory = (try? FileStatus(path: directory + "/" + entry.name))?.kind == .directory
            }
            var file = File(
                kind: isDirectory ? .other : Self.classify(entry.name), isDirectory: isDirectory, directory: directory)
            if file.name != entry.name { file.unusualName = entry.name }
            files.append(file)
        }
        self.files = files
        blobsByDigest = files.indices.filter { files[$0].blobKey != nil }.map(UInt32.init).sorted {
            files[Int($0)].blobKey! < files[Int($1)].blobKey!
        }
    }

    /// The file holding `digest`: `sha256-<hex>` if present, else the legacy `sha256:<hex>`; `nil` if neither.
    public func file(for digest: BlobDigest) -> File? { index(of: digest).map { files[$0] } }

    /// The index in `files` of the file `file(for:)` returns.
    public func index(of digest: BlobDigest) -> Int? {
        var low = 0
        var high = blobsByDigest.count
        while low < high {
            let middle = (low + high) / 2
            if files[Int(blobsByDigest[middle])].blobKey!.digest < digest { low = middle + 1 } else { high = middle }
        }
        guard low < blobsByDigest.count else { return nil }
        let index = Int(blobsByDigest[low])
        return files[index].blobKey!.digest == digest ? index : nil
    }

    /// Classifies a file name in `blobs/`.
    public static func classify(_ name: String) -> Kind {
        // A blob an ollama-scan writer was filling when it was killed: `.sha256-<hex>.ollama-scan-<pid>.tmp`.
        if name.hasPrefix(".sha256-") && name.hasSuffix(".tmp") && name.contains(".ollama-scan-") {
            return .temporary
        }
        let utf8 = Array(name.utf8)
        guard utf8.count >= 8, name.hasPrefix("sha256"), utf8[6] == UInt8(ascii: "-") || utf8[6] == UInt8(ascii: ":")
        else { return .other }
        let isLegacy = utf8[6] == UInt8(ascii: ":")
        if utf8.count >= 71, let digest = BlobDigest(hexDigits: utf8[7..<71]) {
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

extension BlobInventory.File {
    /// The sort key of a blob file: its digest, then its legacy-ness; `nil` for other files.
    fileprivate var blobKey: BlobKey? {
        guard case .blob(let digest, let isLegacyName) = kind else { return nil }
        return BlobKey(digest: digest, isLegacyName: isLegacyName)
    }
}

private struct BlobKey: Comparable {
    var digest: BlobDigest
    var isLegacyName: Bool

    static func < (a: BlobKey, b: BlobKey) -> Bool {
        a.digest != b.digest ? a.digest < b.digest : !a.isLegacyName && b.isLegacyName
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
