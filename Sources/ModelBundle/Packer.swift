import FileIO
import Hashing
import OllamaStore

/// `pack`: models into a bundle, a plain POSIX tar whose members are each blob once under
/// `blobs/sha256-<hex>` and the manifests under `manifests/…` with their bytes unchanged (so every ID is
/// kept), blobs first and manifests last, so that even `tar -x -C ~/.ollama/models` gives a working store.
/// Uncompressed: weights do not compress, and speed matters.
///
/// Every blob is hashed as it streams into the bundle; one whose bytes do not hash to its name stops the
/// pack (the caller deletes the partial bundle).
public struct Packer {
    public let scan: StoreScan
    public var bufferSize: Int

    /// What a pack wrote.
    public struct Result: Sendable {
        public var models: [String]
        public var blobCount: Int
        /// The blobs' bytes.
        public var blobBytes: Int64
        /// The bundle's bytes.
        public var bundleBytes: Int64
        public var seconds: Double
    }

    public init(scan: StoreScan, bufferSize: Int = 1 << 20) {
        self.scan = scan
        self.bufferSize = bufferSize
    }

    /// Writes the bundle of `models` into `sink`.
    /// - Parameter progress: the bytes of blobs written so far, of the total.
    public func pack(
        _ models: [ModelRecord], into sink: any ByteSink, cancellation: HashCancellation = HashCancellation(),
        progress: (ByteProgress) -> Void = { _ in }
    ) throws(BundleError) -> Result {
        let clock = ContinuousClock.now
        let blobs = try plan(models)
        let total = blobs.reduce(Int64(0)) { $0 + $1.size }
        let writer = TarWriter(sink: sink)
        var done: Int64 = 0
        func elapsed() -> Double {
            let duration = ContinuousClock.now - clock
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        for (index, blob) in blobs.enumerated() {
            if cancellation.isCancelled { throw .cancelled }
            let status: FileStatus
            do {
                status = try FileStatus(path: blob.path)
            } catch {
                throw .badBlob(model: blob.model, digest: blob.digest, reason: "cannot be read: \(error.reason)")
            }
            guard status.size == blob.size else {
                throw .badBlob(
                    model: blob.model, digest: blob.digest,
                    reason: "is \(status.size) bytes, the manifest declares \(blob.size)")
            }
            do {
                try writer.begin(
                    TarEntry(
                        name: "blobs/" + blob.digest.blobFileName, kind: .file, size: blob.size,
                        modifiedNanoseconds: status.modifiedNanoseconds / 1_000_000_000 * 1_000_000_000))
            } catch {
                throw .io(error)
            }
            let before = done
            let copied: (digest: SHA256Digest, size: Int64)
            do {
                copied = try HashingCopy(bufferSize: bufferSize).copy(blob.path, to: sink, cancellation: cancellation) {
                    progress(
                        ByteProgress(
                            bytesDone: before + $0, bytesTotal: total, filesDone: index, filesTotal: blobs.count,
                            elapsed: elapsed()))
                }
            } catch {
                switch error {
                case .cancelled: throw .cancelled
                case .write(let write): throw .io(write)
                case .read, .changed, .hashing:
                    throw .badBlob(model: blob.model, digest: blob.digest, reason: "cannot be read: \(error)")
                }
            }
            writer.advance(by: copied.size)
            guard copied.digest == blob.digest.sha256, copied.size == blob.size else {
                throw .badBlob(
                    model: blob.model, digest: blob.digest,
                    reason: "does not hash to its name (its bytes hash to sha256:\(copied.digest.hex))")
            }
            done += copied.size
            do {
                try writer.end(size: copied.size)
            } catch {
                throw .io(error)
            }
        }
        for model in models {
            let bytes: [UInt8]
            do {
                bytes = try ReadOnlyFile.contents(ofFile: model.manifestPath)
            } catch {
                throw .notPackable(model: model.displayName, reason: "its manifest cannot be read: \(error.reason)")
            }
            // The bytes written are the ones the scan identified: a manifest changed meanwhile is refused.
            guard (try? SHA256Hasher.digest(of: bytes)) == model.manifestDigest else {
                throw .notPackable(model: model.displayName, reason: "its manifest changed while it was packed")
            }
            do {
                try writer.begin(
                    TarEntry(
                        name: "manifests/" + model.name.relativeManifestPath, kind: .file, size: Int64(bytes.count),
                        modifiedNanoseconds: model.modifiedNanoseconds))
                try writer.write(bytes)
                try writer.end(size: Int64(bytes.count))
            } catch {
                throw .io(error)
            }
        }
        do {
            try writer.finish()
        } catch {
            throw .io(error)
        }
        return Result(
            models: models.map(\.displayName), blobCount: blobs.count, blobBytes: total, bundleBytes: writer.offset,
            seconds: elapsed())
    }

    /// One blob to pack, with the first model that uses it (for the error).
    struct PlannedBlob {
        var digest: BlobDigest
        var path: String
        var size: Int64
        var model: String
    }

    /// Each blob of `models` once, first use first; a model that cannot be packed is refused before anything
    /// is written.
    func plan(_ models: [ModelRecord]) throws(BundleError) -> [PlannedBlob] {
        var blobs: [PlannedBlob] = []
        var seen = Set<BlobDigest>()
        for model in models {
            if let problem = model.problems.first(where: { if case .invalidManifest = $0 { true } else { false } }) {
                throw .notPackable(model: model.displayName, reason: problem.description)
            }
            for blob in model.distinctBlobs {
                guard let digest = blob.blobDigest, let path = blob.path else {
                    throw .notPackable(model: model.displayName, reason: "a layer has an invalid digest \(blob.digest)")
                }
                switch blob.state {
                case .present: break
                case .missing: throw .badBlob(model: model.displayName, digest: digest, reason: "is missing")
                case .sizeDiffers(let actual):
                    throw .badBlob(
                        model: model.displayName, digest: digest,
                        reason: "is \(actual) bytes, the manifest declares \(blob.declaredSize)")
                case .unreadable(let reason): throw .badBlob(model: model.displayName, digest: digest, reason: reason)
                case .invalidDigest:
                    throw .notPackable(model: model.displayName, reason: "a layer has an invalid digest \(blob.digest)")
                }
                if seen.insert(digest).inserted {
                    blobs.append(
                        PlannedBlob(digest: digest, path: path, size: blob.declaredSize, model: model.displayName))
                }
            }
        }
        return blobs
    }
}
