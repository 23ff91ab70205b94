import FileIO
import Hashing
import OllamaStore

/// What a bundle holds, read without extracting anything (`unpack --list`): its models, with Ollama's ID and
/// SIZE, and whether every blob each one references is in the bundle.
public struct BundleListing: Sendable {
    public struct Model: Sendable, Equatable {
        public var name: String
        /// The first 12 hex digits of the manifest's sha256, as `ollama list` shows it.
        public var id: String
        /// The bytes the manifest declares (Ollama's SIZE).
        public var size: Int64
        /// Blobs it references that the bundle does not hold (a store that has them can still take it).
        public var missingBlobs: [BlobDigest]
    }

    public var bundle: String
    public var models: [Model]
    /// The blobs the bundle holds.
    public var blobs: Set<BlobDigest>
    public var blobCount: Int { blobs.count }
    public var blobBytes: Int64

    /// Reads the bundle at `path` (`-` for standard input), checking every member's name as `unpack` does.
    public static func read(_ path: String) throws(BundleError) -> BundleListing {
        let bundle = try BundleReader(path)
        var blobs: [BlobDigest: Int64] = [:]
        var manifests: [(ModelName, Manifest, [UInt8])] = []
        while let (entry, member) = try bundle.next() {
            switch member {
            case .blob(let digest): blobs[digest] = entry.size
            case .manifest(let name):
                let bytes = try Unpacker.readMember(entry, reader: bundle.tar, bundle: bundle.name, model: name)
                do {
                    manifests.append((name, try Manifest(bytes: bytes), bytes))
                } catch {
                    throw .badManifest(bundle: bundle.name, model: name.displayShortest, reason: error.description)
                }
            case .folder, .refused: continue
            }
        }
        let models = manifests.map { name, manifest, bytes in
            Model(
                name: name.displayShortest, id: String(((try? SHA256Hasher.digest(of: bytes))?.hex ?? "").prefix(12)),
                size: manifest.declaredSize,
                missingBlobs: Array(Set(manifest.referencedDigests).subtracting(blobs.keys)).sorted())
        }
        return BundleListing(
            bundle: bundle.name, models: models, blobs: Set(blobs.keys), blobBytes: blobs.values.reduce(0, +))
    }
}
