import FileIO
import OllamaStore

/// The files that referenced blobs resolve to, by device and inode: a leftover that is one of them (the
/// target of a blob's symbolic link, or another name of the same file) is never deleted, because the blob
/// would go with it.
final class ReferencedFiles {
    private let scan: StoreScan
    private var blobByFile: [FileKey: String] = [:]
    private var added = Set<BlobDigest>()

    init(scan: StoreScan) {
        self.scan = scan
    }

    /// Resolves the files of `digests` not seen yet (each is `stat`ed once, through links).
    func add(_ digests: some Sequence<BlobDigest>) {
        for digest in digests where added.insert(digest).inserted {
            let candidates =
                scan.inventory.file(for: digest).map { [$0.path] }
                ?? [digest.blobFileName, digest.legacyBlobFileName].map { scan.root.blobsPath + "/" + $0 }
            for path in candidates {
                guard let status = try? FileStatus(path: path) else { continue }
                blobByFile[FileKey(status)] = String(path.split(separator: "/").last ?? "")
                break
            }
        }
    }

    /// The name of the referenced blob whose file `status` (an `lstat`) describes, if any.
    func blob(sameAs status: FileStatus) -> String? { blobByFile[FileKey(status)] }
}

/// A file by device and inode.
struct FileKey: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: FileStatus) {
        device = status.device
        inode = status.inode
    }
}
