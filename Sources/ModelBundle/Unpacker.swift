import FileIO
import Hashing
import OllamaStore
import StoreWriting

/// `unpack`: a bundle into a store, under the write protocol. Each blob is verified while it is extracted
/// (under a temporary name, renamed only when its bytes hash to its name); a blob the store already has is
/// re-used only when it verifies; manifests are written last, each only when every blob it references is in
/// place and verified. A bundle that turns out truncated, corrupt or hostile is refused as a whole, and the
/// blobs this run added that nothing references are removed again: nothing is left behind.
public struct Unpacker {
    /// The store written into (made if missing).
    public let root: StoreRoot
    /// Replace an existing manifest whose bytes differ (`--force`).
    public var replacesManifests = false
    /// Read and verify the whole bundle and say what would happen, writing nothing (`--dry-run`).
    public var dryRun = false
    /// Where a damaged file at a blob's name is moved.
    public var quarantine: Quarantine
    public var bufferSize = 1 << 20

    /// The largest manifest read from a bundle (real ones are a few KB).
    static let largestManifest = 4 << 20

    public init(root: StoreRoot, quarantine: Quarantine) {
        self.root = root
        self.quarantine = quarantine
    }

    /// A manifest read from the bundle, written at the end.
    struct PendingManifest {
        var name: ModelName
        var bytes: [UInt8]
        var manifest: Manifest
        var modifiedNanoseconds: Int64
    }

    /// Unpacks the bundle at `path` (`-` for standard input).
    public func unpack(_ path: String, cancellation: HashCancellation = HashCancellation()) throws(BundleError)
        -> UnpackReport
    {
        let clock = ContinuousClock.now
        let bundle = try BundleReader(path)
        var report = UnpackReport(storePath: root.path, bundle: bundle.name)
        report.dryRun = dryRun
        do {
            if !dryRun { for folder in [root.manifestsPath, root.blobsPath] { try Folder.create(folder) } }
        } catch {
            throw .io(error)
        }
        let placer = BlobPlacer(root: root, bufferSize: bufferSize)
        var added: [BlobDigest] = []
        var good = Set<BlobDigest>()
        var pending: [PendingManifest] = []
        do throws(BundleError) {
            let reader = bundle.tar
            var buffer = [UInt8](repeating: 0, count: bufferSize)
            while let (entry, member) = try bundle.next() {
                if cancellation.isCancelled { throw .cancelled }
                switch member {
                case .folder, .refused:
                    continue
                case .manifest(let name):
                    pending.append(try readManifest(name, entry: entry, reader: reader, bundle: bundle.name))
                case .blob(let digest):
                    guard !good.contains(digest) else { continue }
                    if placer.goodCopy(of: digest) != nil {
                        good.insert(digest)
                        report.blobsReused += 1
                        continue
                    }
                    // A damaged file under either name goes aside: left at the legacy `sha256:` name, Ollama would
                    // rename it over the good copy at its next start.
                    for damaged in placer.names(of: digest) where FileSystem.exists(damaged) {
                        report.quarantined.append(
                            dryRun ? quarantine.destination(of: damaged) : try Self.quarantine(damaged, in: quarantine))
                    }
                    if dryRun {
                        // The member is verified as it would be, into no file.
                        report.bytesAdded += try BundleBlob.verify(
                            digest, entry: entry, reader: reader, buffer: &buffer, bundle: bundle.name)
                        report.blobsAdded += 1
                        good.insert(digest)
                        continue
                    }
                    let outcome = try BundleBlob.place(
                        digest, entry: entry, reader: reader, placer: placer, buffer: &buffer,
                        bundle: bundle.name)
                    if case .added(let bytes) = outcome {
                        added.append(digest)
                        report.blobsAdded += 1
                        report.bytesAdded += bytes
                    } else {
                        report.blobsReused += 1
                    }
                    good.insert(digest)
                }
            }
        } catch {
            removeUnreferenced(added)
            throw error
        }
        if !dryRun { FileSystem.syncDirectory(root.blobsPath) }

        // Manifests last, each only when every blob it references is here and good.
        for manifest in pending {
            report.models.append(write(manifest, placer: placer, good: &good))
        }
        let duration = ContinuousClock.now - clock
        report.seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return report
    }

    static func bundleError(_ error: TarReader.Failure, bundle: String) -> BundleError {
        switch error {
        case .io(let io): return .io(io)
        case .malformed(let offset, let reason): return .malformed(bundle: bundle, offset: offset, reason: reason)
        }
    }

    private func readManifest(_ name: ModelName, entry: TarEntry, reader: TarReader, bundle: String)
        throws(BundleError) -> PendingManifest
    {
        let bytes = try Self.readMember(entry, reader: reader, bundle: bundle, model: name)
        do {
            let manifest = try Manifest(bytes: bytes)
            return PendingManifest(
                name: name, bytes: bytes, manifest: manifest, modifiedNanoseconds: entry.modifiedNanoseconds)
        } catch {
            throw .badManifest(bundle: bundle, model: name.displayShortest, reason: error.description)
        }
    }

    /// The whole data of a manifest member, within the limit.
    static func readMember(_ entry: TarEntry, reader: TarReader, bundle: String, model: ModelName)
        throws(BundleError) -> [UInt8]
    {
        guard entry.size <= Int64(largestManifest) else {
            throw .badManifest(bundle: bundle, model: model.displayShortest, reason: "\(entry.size) bytes is too large")
        }
        var bytes = [UInt8](repeating: 0, count: Int(entry.size))
        var filled = 0
        while filled < bytes.count {
            let n: Int
            do {
                n = try bytes.withUnsafeMutableBytes { raw in
                    Result { () throws(TarReader.Failure) in
                        try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                    }
                }.get()
            } catch {
                throw bundleError(error, bundle: bundle)
            }
            filled += n
        }
        return bytes
    }

    private func write(_ pending: PendingManifest, placer: BlobPlacer, good: inout Set<BlobDigest>)
        -> UnpackReport.Model
    {
        let name = pending.name.displayShortest
        var model = UnpackReport.Model(name: name, action: .added, size: pending.manifest.declaredSize)
        for digest in pending.manifest.referencedDigests where !good.contains(digest) {
            guard placer.goodCopy(of: digest) != nil else {
                model.action = .refused(reason: "its blob \(digest) is neither in the bundle nor good in the store")
                return model
            }
            good.insert(digest)
        }
        let path = root.manifestsPath + "/" + pending.name.relativeManifestPath
        let existing = try? ReadOnlyFile.contents(ofFile: path)
        if let existing {
            if existing == pending.bytes {
                model.action = .alreadyPresent
                return model
            }
            guard replacesManifests else {
                model.action = .refused(reason: "the store has another manifest for it (--force replaces it)")
                return model
            }
            model.action = .replaced
        }
        if dryRun { return model }
        do {
            try Folder.create(FileSystem.folder(of: path))
            let file = try AtomicFile(target: path)
            try pending.bytes.withUnsafeBytes { raw in Result { () throws(FileIOError) in try file.file.write(raw) } }
                .get()
            try file.file.setModificationTime(nanoseconds: pending.modifiedNanoseconds)
            try file.commit(replacingExisting: replacesManifests)
        } catch {
            model.action = .refused(reason: "writing its manifest failed: \(error)")
        }
        return model
    }

    private static func quarantine(_ path: String, in quarantine: Quarantine) throws(BundleError) -> String {
        do {
            return try quarantine.move(path)
        } catch {
            throw .io(error)
        }
    }

    /// Removes the blobs this run added that no manifest references now (a refused bundle leaves nothing).
    private func removeUnreferenced(_ digests: [BlobDigest]) {
        guard !digests.isEmpty, let current = try? ReferenceCheck(root: root).current() else { return }
        for digest in digests where !current.referenced.contains(digest) {
            try? FileSystem.removeIfPresent(root.blobsPath + "/" + digest.blobFileName)
        }
        FileSystem.syncDirectory(root.blobsPath)
    }
}
