import FileIO
import Hashing
import OllamaStore
import StoreWriting

/// A blob member of a bundle on its way into a store: verified while it is written (`BlobPlacer`), for
/// `unpack` and for `repair --from BUNDLE`.
public enum BundleBlob {
    /// Writes the member's data as `digest`.
    static func place(
        _ digest: BlobDigest, entry: TarEntry, reader: TarReader, placer: BlobPlacer, buffer: inout [UInt8],
        bundle: String, replacing: Bool = false
    ) throws(BundleError) -> BlobPlacer.Outcome {
        var readFailure: TarReader.Failure?
        let result: Result<BlobPlacer.Outcome, BlobPlacer.Failure> = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(BlobPlacer.Failure) in
                try placer.place(digest, size: entry.size, replacing: replacing) { sink throws(BlobPlacer.Failure) in
                    while true {
                        let n: Int
                        do throws(TarReader.Failure) {
                            n = try reader.read(into: raw)
                        } catch {
                            readFailure = error
                            throw .source("the bundle could not be read")
                        }
                        if n == 0 { return }
                        try sink.write(UnsafeRawBufferPointer(rebasing: raw[..<n]))
                    }
                }
            }
        }
        switch result {
        case .success(let outcome):
            return outcome
        case .failure(let error):
            if let readFailure { throw Unpacker.bundleError(readFailure, bundle: bundle) }
            switch error {
            case .mismatch(_, let actual, let size):
                throw .corruptMember(
                    bundle: bundle, digest: digest, reason: "its \(size) bytes hash to sha256:\(actual.hex)")
            case .cancelled: throw .cancelled
            default: throw .placement(error)
            }
        }
    }

    /// Reads the member's data and checks that it hashes to `digest`, writing it nowhere (a dry run).
    /// - Returns: its size.
    static func verify(
        _ digest: BlobDigest, entry: TarEntry, reader: TarReader, buffer: inout [UInt8], bundle: String
    ) throws(BundleError) -> Int64 {
        let hasher: SHA256Hasher
        do {
            hasher = try SHA256Hasher()
        } catch {
            throw .placement(.hashing(error))
        }
        var total: Int64 = 0
        while true {
            let n: Int
            do {
                n = try buffer.withUnsafeMutableBytes { raw in
                    Result { () throws(TarReader.Failure) in try reader.read(into: raw) }
                }.get()
            } catch {
                throw Unpacker.bundleError(error, bundle: bundle)
            }
            if n == 0 { break }
            do {
                try buffer.withUnsafeBytes { raw in
                    Result { () throws(HashingError) in try hasher.update(UnsafeRawBufferPointer(rebasing: raw[..<n])) }
                }.get()
            } catch {
                throw .placement(.hashing(error))
            }
            total += Int64(n)
        }
        let actual: SHA256Digest
        do {
            actual = try hasher.finalize()
        } catch {
            throw .placement(.hashing(error))
        }
        guard actual == digest.sha256 else {
            throw .corruptMember(
                bundle: bundle, digest: digest, reason: "its \(total) bytes hash to sha256:\(actual.hex)")
        }
        return total
    }

    /// Takes from the bundle at `path` the blobs among `wanted` that the store lacks, each verified while it is
    /// written; every other member is passed over, but every member's name is checked as `unpack` checks it.
    /// - Parameter replacing: put each good copy over a damaged file at its name (kept aside by the caller).
    /// - Returns: the outcome of each wanted blob the bundle held.
    public static func extract(
        _ wanted: Set<BlobDigest>, from path: String, into placer: BlobPlacer, replacing: Bool = false,
        bufferSize: Int = 1 << 20
    ) throws(BundleError) -> [BlobDigest: BlobPlacer.Outcome] {
        let bundle = try BundleReader(path)
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var outcomes: [BlobDigest: BlobPlacer.Outcome] = [:]
        while let (entry, member) = try bundle.next() {
            guard case .blob(let digest) = member, wanted.contains(digest), outcomes[digest] == nil else { continue }
            outcomes[digest] = try place(
                digest, entry: entry, reader: bundle.tar, placer: placer, buffer: &buffer, bundle: bundle.name,
                replacing: replacing)
        }
        return outcomes
    }
}
