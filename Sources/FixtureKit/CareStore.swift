import Foundation
import OllamaStore

/// A small store with every kind of sharing and leftover, and the answers `du` must give, worked out from the
/// descriptors the test wrote rather than from a scan.
public struct CareStore {
    public let directory: TemporaryDirectory
    public var root: StoreRoot { StoreRoot(path: directory.path) }
    /// Each model's config and layers as written (display name → descriptors).
    public var descriptors: [String: [StoreBuilder.Descriptor]] = [:]
    public var orphan: StoreBuilder.Descriptor
    /// The `-partial` data file's digest, its full length and the bytes actually written.
    public let partialDigest: String
    public let partialLength = 1 << 20
    public let partialWritten = 8192
    public let temporaryBytes = 10
    public let foreignBytes = 5

    public static func media(_ kind: String) -> String { "application/vnd.ollama.image.\(kind)" }

    public init() throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        var random = DeterministicBytes(seed: "care store")
        let weights = try store.addBlob(random.next(1000), mediaType: Self.media("model"))
        let small = try store.addBlob(random.next(700), mediaType: Self.media("model"))
        let template = try store.addBlob(Array("{{ .Prompt }}".utf8), mediaType: Self.media("template"))
        let license = try store.addBlob(Array("MIT License\n".utf8), mediaType: Self.media("license"))
        let params = try store.addBlob(Array(#"{"temperature":0.1}"#.utf8), mediaType: Self.media("params"))
        let config1 = try store.addBlob(
            Array(#"{"model_format":"gguf","model_family":"llama","file_type":"Q4_0"}"#.utf8),
            mediaType: StoreBuilder.dockerConfig)
        let config2 = try store.addBlob(
            Array(#"{"model_format":"gguf","model_family":"qwen2","file_type":"Q8_0"}"#.utf8),
            mediaType: StoreBuilder.dockerConfig)
        let missing = StoreBuilder.descriptor(for: random.next(333), mediaType: Self.media("model"))

        // "big:1b" and its alias "big:latest" share the weights; "big:latest" lists its license twice.
        descriptors["big:1b"] = [config1, weights, template, license]
        descriptors["big:latest"] = [config1, weights, template, license, license]
        // "small:q8" repeats its config as a layer and shares only the template.
        descriptors["small:q8"] = [config2, small, template, config2]
        // "ghost:7b" shares the params... with nobody, and its model blob is missing.
        descriptors["ghost:7b"] = [config2, missing, params]
        for (name, list) in descriptors {
            let parsed = ModelName(parsing: name)
            try store.addManifest(
                "registry.ollama.ai/library/\(parsed.model)/\(parsed.tag)", config: list[0],
                layers: Array(list.dropFirst()))
        }

        orphan = try store.addBlob(random.next(77), mediaType: Self.media("model"))
        partialDigest = String(StoreBuilder.digest(of: random.next(64)).dropFirst(7))
        // A pull truncates the data file to the blob's full size up front: sparse, with only what arrived written.
        let data = directory.url.appendingPathComponent("blobs/sha256-\(partialDigest)-partial")
        _ = FileManager.default.createFile(atPath: data.path, contents: Data(random.next(partialWritten)))
        let handle = try FileHandle(forWritingTo: data)
        try handle.truncate(atOffset: UInt64(partialLength))
        try handle.close()
        try store.addBlobsFile(
            named: "sha256-\(partialDigest)-partial-0",
            bytes: Array(#"{"N":0,"Offset":0,"Size":524288,"Completed":8192}"#.utf8) + [0x0a])
        try store.addBlobsFile(
            named: "sha256-\(partialDigest)-partial-1",
            bytes: Array(#"{"N":1,"Offset":524288,"Size":524288,"Completed":0}"#.utf8) + [0x0a])
        try store.addBlobsFile(named: "sha256-8675309", bytes: [UInt8](repeating: 1, count: temporaryBytes))
        try store.addBlobsFile(named: "notes.txt", bytes: [UInt8](repeating: 2, count: foreignBytes))
    }

    /// Sets every file's mtime `seconds` in the past (a fresh copy is younger than any grace period).
    public func age(by seconds: TimeInterval) throws { try TemporaryDirectory.age(directory.path, by: seconds) }

    /// Digest → the names of the models whose manifests reference it.
    public var users: [String: Set<String>] {
        var users: [String: Set<String>] = [:]
        for (name, list) in descriptors {
            for d in list { users[d.digest, default: []].insert(name) }
        }
        return users
    }

    /// The bytes each digest's blob has on disk (0 when it was never written).
    public func bytesOnDisk(_ d: StoreBuilder.Descriptor) -> Int64 {
        let path = directory.path + "/blobs/sha256-" + d.digest.dropFirst(7)
        return FileManager.default.fileExists(atPath: path) ? Int64(d.size) : 0
    }
}
