import FileIO
import Hashing
import OllamaStore

/// Puts blobs into a store's `blobs/` under the write protocol: the bytes go to a temporary name that is not
/// a blob name (`.sha256-<hex>.ollama-scan-<pid>.tmp`, which Ollama's startup prune removes after an hour if
/// we are killed, and never one of Ollama's own `-partial` names), are hashed while they are written, flushed,
/// and get the name `sha256-<hex>` only when their digest is that name. A blob already at its name is replaced
/// only when the caller says so, after keeping the damaged file aside (`Quarantine.keep`); otherwise the
/// caller re-uses it when it verifies, and moves it aside when it does not.
public struct BlobPlacer: Sendable {
    public let root: StoreRoot
    public var bufferSize: Int

    /// What placing a blob did.
    public enum Outcome: Sendable, Equatable {
        /// The blob is now in the store, `bytes` long.
        case added(bytes: Int64)
        /// A good copy was already there (it appeared meanwhile); nothing was written.
        case alreadyPresent
    }

    /// Why a blob could not be placed. Nothing is left under its name; at worst a temporary file, removed by
    /// the next writer or by `prune`.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The bytes do not hash to the name (or are not as long as declared).
        case mismatch(digest: BlobDigest, actual: SHA256Digest, size: Int64)
        case shortSource(digest: BlobDigest, expected: Int64, actual: Int64)
        /// Reading the source failed (a file, a bundle).
        case source(String)
        case write(FileIOError)
        case hashing(HashingError)
        /// A different file is at the blob's name (placed meanwhile and not good).
        case occupied(path: String)
        case cancelled

        public var description: String {
            switch self {
            case .mismatch(let digest, let actual, let size):
                return "the bytes given for \(digest) hash to sha256:\(actual.hex) (\(size) bytes)"
            case .shortSource(let digest, let expected, let actual):
                return "\(digest): \(actual) bytes where \(expected) were expected"
            case .source(let reason): return reason
            case .write(let error): return error.description
            case .hashing(let error): return error.description
            case .occupied(let path): return "\(path): another file took the blob's name meanwhile, and it is not good"
            case .cancelled: return "interrupted"
            }
        }
    }

    public init(root: StoreRoot, bufferSize: Int = 1 << 20) {
        self.root = root
        self.bufferSize = bufferSize
    }

    /// Where `digest` goes: `blobs/sha256-<hex>`.
    public func path(of digest: BlobDigest) -> String { root.blobsPath + "/" + digest.blobFileName }

    /// Both names `digest` can have in `blobs/`: the modern one, then the legacy `sha256:` one of old stores.
    public func names(of digest: BlobDigest) -> [String] {
        [path(of: digest), root.blobsPath + "/" + digest.legacyBlobFileName]
    }

    /// The path of `digest` in the store (its modern name, else its legacy `sha256:` name) when the file there
    /// hashes to the digest; nil when it is missing or bad. Hash, never size: a blob of the right size with the
    /// wrong bytes is how corruption spreads from one store to another.
    public func goodCopy(of digest: BlobDigest) -> String? {
        for path in names(of: digest) {
            guard (try? FileStatus(path: path, followingSymlinks: false))?.kind == .regular else { continue }
            let outcome = try? BlobHasher(workerCount: 1, bufferSize: bufferSize).hash(
                [BlobHasher.Request(path: path, expectedSize: 0)])
            if case .hashed(let actual, _)? = outcome?.first, actual == digest.sha256 { return path }
        }
        return nil
    }

    /// Copies `source` (a blob of another store) in as `digest`, hashing it in the same pass.
    /// - Parameter replacing: put the good copy over a damaged file at the name, in one rename.
    public func place(
        _ digest: BlobDigest, copying source: String, replacing: Bool = false,
        cancellation: HashCancellation = HashCancellation(), progress: (Int64) -> Void = { _ in }
    ) throws(Failure) -> Outcome {
        try place(digest, replacing: replacing) { file throws(Failure) in
            do throws(HashingCopy.Failure) {
                return try HashingCopy(bufferSize: bufferSize).copy(
                    source, to: file, cancellation: cancellation, progress: progress)
            } catch {
                switch error {
                case .cancelled: throw .cancelled
                case .hashing(let hashing): throw .hashing(hashing)
                case .write(let write): throw .write(write)
                case .read, .changed: throw .source(error.description)
                }
            }
        }
    }

    /// Writes `digest` from bytes the caller hands over in order (a bundle's member): `fill` writes them to
    /// the sink it is given, which hashes them on the way.
    public func place(
        _ digest: BlobDigest, size: Int64, replacing: Bool = false, filling fill: (BlobSink) throws(Failure) -> Void
    ) throws(Failure) -> Outcome {
        try place(digest, replacing: replacing) { file throws(Failure) in
            let sink: BlobSink
            do throws(HashingError) {
                sink = try BlobSink(file: file)
            } catch {
                throw .hashing(error)
            }
            try fill(sink)
            guard sink.count == size else { throw .shortSource(digest: digest, expected: size, actual: sink.count) }
            do throws(HashingError) {
                return (try sink.hasher.finalize(), sink.count)
            } catch {
                throw .hashing(error)
            }
        }
    }

    /// The protocol around `write`, which fills the temporary file and returns the digest and size of what
    /// it wrote.
    private func place(
        _ digest: BlobDigest, replacing: Bool,
        write: (NewFile) throws(Failure) -> (digest: SHA256Digest, size: Int64)
    ) throws(Failure) -> Outcome {
        let target = path(of: digest)
        let atomic: AtomicFile
        do {
            atomic = try AtomicFile(target: target, writesBehind: true)
        } catch {
            throw .write(error)
        }
        let written: (digest: SHA256Digest, size: Int64)
        do {
            written = try write(atomic.file)
        } catch {
            atomic.discard()
            throw error
        }
        guard written.digest == digest.sha256 else {
            atomic.discard()
            throw .mismatch(digest: digest, actual: written.digest, size: written.size)
        }
        do {
            try atomic.commit(replacingExisting: replacing)
        } catch {
            // Someone put a file at the name meanwhile (Ollama pulling, with --while-running): a good one is
            // as good as ours.
            guard error.errno == .fileExists else { throw .write(error) }
            if goodCopy(of: digest) != nil { return .alreadyPresent }
            throw .occupied(path: target)
        }
        return .added(bytes: written.size)
    }
}

/// Where a bundle's member is written on its way into the store: every byte is hashed as it is written.
public final class BlobSink {
    let file: NewFile
    let hasher: SHA256Hasher
    /// How many bytes were written.
    public private(set) var count: Int64 = 0

    init(file: NewFile) throws(HashingError) {
        self.file = file
        hasher = try SHA256Hasher()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(BlobPlacer.Failure) {
        do {
            try hasher.update(bytes)
        } catch {
            throw .hashing(error)
        }
        do {
            try file.write(bytes)
        } catch {
            throw .write(error)
        }
        count += Int64(bytes.count)
    }
}
