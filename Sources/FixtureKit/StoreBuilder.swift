import FileIO
import Foundation
import Hashing
import OrderedJSON

/// Writes an Ollama store into a directory: blobs under their real digests, manifests in the byte forms
/// Ollama writes (compact registry JSON, or `json.Encoder` output with a trailing newline for local creates).
///
/// Test and benchmark data only, never a user's store: small files go through Foundation's `Data.write`, which
/// is all a fixture needs; the large streamed blobs go through `FileIO`.
public struct StoreBuilder {
    /// A layer or config descriptor to put in a manifest.
    public struct Descriptor {
        public var mediaType: String
        public var digest: String
        public var size: Int
        public var from: String?
        public var name: String?

        public init(mediaType: String, digest: String, size: Int, from: String? = nil, name: String? = nil) {
            self.mediaType = mediaType
            self.digest = digest
            self.size = size
            self.from = from
            self.name = name
        }

        /// The same descriptor with `from` set, as `ollama create FROM` writes inherited layers.
        public func inherited(from source: String) -> Descriptor {
            var copy = self
            copy.from = source
            return copy
        }
    }

    /// The config blob's media type.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"

    public let root: URL

    /// Creates `manifests/` and `blobs/` under `root`.
    public init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("manifests"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("blobs"), withIntermediateDirectories: true)
    }

    /// The `sha256:<hex>` digest of `bytes`.
    public static func digest(of bytes: [UInt8]) -> String {
        "sha256:" + (try! SHA256Hasher.digest(of: bytes)).hex
    }

    /// Writes a blob under its digest and returns its descriptor.
    /// - Parameter legacyName: use the pre-v0.1.30 file name `sha256:<hex>`.
    @discardableResult
    public func addBlob(_ bytes: [UInt8], mediaType: String, legacyName: Bool = false) throws -> Descriptor {
        let digest = Self.digest(of: bytes)
        let hex = digest.dropFirst(7)
        let fileName = (legacyName ? "sha256:" : "sha256-") + hex
        try Data(bytes).write(to: root.appendingPathComponent("blobs/\(fileName)"))
        return Descriptor(mediaType: mediaType, digest: digest, size: bytes.count)
    }

    /// Writes a blob of `size` bytes from `prefix` followed by the keystream of `seed`, streaming it through
    /// a 1 MiB buffer and hashing it in the same pass, so a multi-gigabyte blob costs one write of its bytes.
    @discardableResult
    public func addStreamedBlob(prefix: [UInt8] = [], size: Int64, seed: String, mediaType: String) throws -> Descriptor
    {
        precondition(Int64(prefix.count) <= size, "the prefix must fit in the blob")
        let temporary = root.appendingPathComponent("blobs/.stream-\(UUID().uuidString)").path
        let output = try NewFile(creating: temporary)
        defer { output.close() }
        let hasher = try SHA256Hasher()
        var stream = DeterministicBytes(seed: seed)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        var written: Int64 = 0
        while written < size {
            let count = Int(min(Int64(buffer.count), size - written))
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<count])
            stream.fill(chunk)
            if written < Int64(prefix.count) {
                let take = min(count, prefix.count - Int(written))
                prefix[Int(written)..<Int(written) + take].withUnsafeBytes {
                    chunk.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: take)
                }
            }
            try hasher.update(UnsafeRawBufferPointer(chunk))
            try output.write(UnsafeRawBufferPointer(chunk))
            written += Int64(count)
        }
        let hex = try hasher.finalize().hex
        try FileSystem.rename(temporary, to: root.appendingPathComponent("blobs/sha256-\(hex)").path)
        return Descriptor(mediaType: mediaType, digest: "sha256:" + hex, size: Int(size))
    }

    /// The descriptor a blob would have, without writing it (for a model whose blob is missing).
    public static func descriptor(for bytes: [UInt8], mediaType: String) -> Descriptor {
        Descriptor(mediaType: mediaType, digest: digest(of: bytes), size: bytes.count)
    }

    /// Writes any file below `blobs/` (partial downloads, temp files, foreign names).
    public func addBlobsFile(named name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: root.appendingPathComponent("blobs/\(name)"))
    }

    /// Writes a file at `manifests/<relativePath>`, creating its folders.
    public func addManifestFile(_ relativePath: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent("manifests/\(relativePath)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes a manifest for `host/namespace/model/tag` and returns its bytes.
    /// - Parameters:
    ///   - layers: `nil` writes `"layers":null`, as a cloud stub has.
    ///   - trailingNewline: `ollama create` writes one (Go's `json.Encoder`); a pull does not.
    @discardableResult
    public func addManifest(
        _ relativePath: String, config: Descriptor, layers: [Descriptor]?, trailingNewline: Bool = false
    ) throws -> [UInt8] {
        let bytes = Self.manifestBytes(config: config, layers: layers, trailingNewline: trailingNewline)
        try addManifestFile(relativePath, bytes: bytes)
        return bytes
    }

    /// A manifest in Ollama's byte form: compact JSON, keys `schemaVersion, mediaType, config, layers`, each
    /// descriptor `mediaType, digest, size` then `from` and `name` when set.
    public static func manifestBytes(config: Descriptor, layers: [Descriptor]?, trailingNewline: Bool = false)
        -> [UInt8]
    {
        func json(_ d: Descriptor) -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("mediaType", .string(d.mediaType)), ("digest", .string(d.digest)), ("size", .integer(Int64(d.size))),
            ]
            if let from = d.from { members.append(("from", .string(from))) }
            if let name = d.name { members.append(("name", .string(name))) }
            return .object(JSONObject(members))
        }
        let manifest = JSONObject([
            ("schemaVersion", .integer(2)),
            ("mediaType", .string("application/vnd.docker.distribution.manifest.v2+json")),
            ("config", json(config)),
            ("layers", layers.map { .array($0.map(json)) } ?? .null),
        ])
        return Array((JSONWriter.compact(.object(manifest)) + (trailingNewline ? "\n" : "")).utf8)
    }

    /// Compact JSON bytes of `pairs`, in order (config blobs, params, messages).
    public static func compactJSON(_ pairs: [(String, JSONValue)], trailingNewline: Bool = true) -> [UInt8] {
        Array((JSONWriter.compact(.object(JSONObject(pairs))) + (trailingNewline ? "\n" : "")).utf8)
    }
}
