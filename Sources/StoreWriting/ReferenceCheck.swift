import FileIO
import OllamaStore

/// The digests the store's manifests reference right now, for prune's check right before each deletion.
///
/// Every check walks `manifests/` again, but only reads the manifest files whose identity (inode, size,
/// mtime, ctime) changed since the last check, so a pull that finishes while prune runs is seen, and a check
/// on an unchanged store costs a directory walk and one `stat` per manifest.
public final class ReferenceCheck {
    /// What one depth-4 file said the last time it was read.
    private struct Reading {
        var identity: FileIdentity
        /// The digests it references; nil when it does not parse (or cannot be read) and its name is valid,
        /// which blocks pruning.
        var digests: [BlobDigest]?
    }

    private let manifestsDirectory: String
    private var readings: [String: Reading] = [:]

    public init(root: StoreRoot) {
        manifestsDirectory = root.manifestsPath
    }

    /// The referenced digests, and the files that block pruning (a valid name that does not parse).
    public func current() throws(FileIOError) -> (referenced: Set<BlobDigest>, unparseable: [String]) {
        let walk = try ManifestWalk(manifestsDirectory: manifestsDirectory)
        var next: [String: Reading] = [:]
        var referenced = Set<BlobDigest>()
        var unparseable: [String] = []
        for candidate in walk.candidates {
            let identity = (try? FileStatus(path: candidate.path)).map(FileIdentity.init)
            let reading: Reading
            if let identity, let known = readings[candidate.path], known.identity == identity {
                reading = known
            } else {
                // A file that cannot be stat'ed gets the empty identity, which matches nothing: it is read
                // again next time.
                reading = Reading(identity: identity ?? FileIdentity(), digests: Self.digests(of: candidate))
            }
            next[candidate.path] = reading
            if let digests = reading.digests {
                referenced.formUnion(digests)
            } else {
                unparseable.append(candidate.path)
            }
        }
        readings = next
        return (referenced, unparseable)
    }

    /// The digests a depth-4 file references: none when it is not a manifest but its name is invalid anyway
    /// (`.DS_Store`), nil when it should be a manifest and does not parse.
    private static func digests(of candidate: ManifestWalk.Candidate) -> [BlobDigest]? {
        guard let bytes = try? ReadOnlyFile.contents(ofFile: candidate.path), let manifest = try? Manifest(bytes: bytes)
        else { return candidate.name.isValid ? nil : [] }
        return manifest.referencedDigests
    }
}
