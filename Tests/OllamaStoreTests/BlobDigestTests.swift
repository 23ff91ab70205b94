import FixtureKit
import Foundation
import GGUF
import Hashing
import OllamaStore
import Testing

/// Digests are held as bytes plus a case mask, and the inventory is a sorted index: these check that nothing
/// of the text a store writes is lost on the way.
@Suite struct BlobDigestTests {
    static let lower = "3f1c9a0be2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3"

    @Test func aDigestPrintsBackTheCaseItWasWrittenIn() throws {
        let mixed = "3F1c9A0be2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2F3"
        let digest = try #require(BlobDigest(manifestDigest: "sha256:" + mixed))
        #expect(
            digest.hex == mixed && digest.blobFileName == "sha256-" + mixed
                && digest.legacyBlobFileName == "sha256:" + mixed)
        #expect(digest.description == "sha256:" + mixed && digest.shortForm == "3F1c9A0be2d4")
        // The same bytes in another case name another file, so they are another digest.
        let plain = try #require(BlobDigest(hex: Self.lower))
        #expect(digest != plain && digest.sha256 == plain.sha256 && plain.hex == Self.lower)
        #expect(BlobDigest(manifestDigest: "sha256-" + mixed) == digest)
        #expect(BlobDigest(hex: String(mixed.dropLast())) == nil && BlobDigest(hex: mixed + "0") == nil)
        #expect(BlobDigest(hex: String(mixed.dropLast()) + "g") == nil)
    }

    @Test func digestsSortAsTheirHexText() throws {
        var random = DeterministicBytes(seed: "digest order")
        let texts = (0..<200).map { i -> String in
            let hex = random.next(32).map { String(format: "%02x", $0) }.joined()
            // Every third digest gets upper-case letters in a few places.
            guard i % 3 == 0 else { return hex }
            return String(hex.enumerated().map { j, c in j % (i % 7 + 2) == 0 ? Character(c.uppercased()) : c })
        }
        let digests = try texts.map { try #require(BlobDigest(hex: $0)) }
        #expect(digests.sorted().map(\.hex) == texts.sorted())
        #expect(Set(digests).count == Set(texts).count)
    }

    @Test func aSHA256DigestKeepsItsBytes() throws {
        let digest = try #require(SHA256Digest(hex: Self.lower.uppercased()))
        #expect(digest.hex == Self.lower)
        #expect(digest.bytes.count == 32 && digest.bytes.first == 0x3f && digest.bytes.last == 0xf3)
        #expect(digest.prefix64 == 0x3f1c_9a0b_e2d4_c6e8)
        #expect(SHA256Digest(hex: String(Self.lower.dropLast())) == nil && SHA256Digest(hex: Self.lower + "00") == nil)
        #expect(try SHA256Hasher.digest(of: Array("abc".utf8)).bytes.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
    }

    /// A `blobs/` holding both names of one digest, a legacy name alone, an upper-case name and leftovers.
    @Test func theInventoryFindsEachDigestsFile() throws {
        let dir = try TemporaryDirectory()
        let hexes = (0..<40).map { i in String(format: "%064x", i * 7919 + 1) }
        for hex in hexes { try dir.write("blobs/sha256-\(hex)", [1]) }
        let both = hexes[5]
        try dir.write("blobs/sha256:\(both)", [2])
        let legacyOnly = String(format: "%064x", 123_456_789)
        try dir.write("blobs/sha256:\(legacyOnly)", [3])
        let upper = "ABCDEF" + String(repeating: "0", count: 58)
        try dir.write("blobs/sha256-\(upper)", [4])
        try dir.write("blobs/sha256-\(hexes[0])-partial", [])
        try dir.write("blobs/notes.txt", [])
        try FileManager.default.createDirectory(atPath: dir.path + "/manifests", withIntermediateDirectories: true)

        let inventory = try BlobInventory(root: StoreRoot(path: dir.path))
        #expect(inventory.files.count == 45)
        for hex in hexes {
            let file = try #require(inventory.file(for: BlobDigest(hex: hex)!))
            #expect(file.name == "sha256-\(hex)" && file.path == dir.path + "/blobs/sha256-\(hex)")
        }
        #expect(inventory.file(for: BlobDigest(hex: legacyOnly)!)?.name == "sha256:\(legacyOnly)")
        #expect(inventory.file(for: BlobDigest(hex: upper)!)?.name == "sha256-\(upper)")
        #expect(inventory.file(for: BlobDigest(hex: upper.lowercased())!) == nil)
        #expect(inventory.file(for: BlobDigest(hex: String(repeating: "e", count: 64))!) == nil)
        // Every file keeps its own name, whatever its kind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/blobs")
        #expect(Set(inventory.files.map(\.name)) == Set(names))
    }

    /// A manifest may spell a digest `sha256-<hex>` or in upper case; the record keeps the text and finds the
    /// file, and the prune view treats both names of one digest alike.
    @Test func aScanKeepsTheDigestTextAndFindsTheFile() throws {
        let dir = try TemporaryDirectory()
        var builder = GGUFBuilder()
        builder.add("general.architecture", .text("llama"))
        builder.tensors = [GGUFBuilder.Tensor("token_embd.weight", [64, 8], typeID: 0)]
        let model = builder.build()
        let modelHex = try SHA256Hasher.digest(of: model).hex.uppercased()
        let config = Array(#"{"model_format":"gguf","model_family":"llama"}"#.utf8)
        let configHex = try SHA256Hasher.digest(of: config).hex
        try dir.write("blobs/sha256-\(modelHex)", model)
        try dir.write("blobs/sha256:\(configHex)", config)
        try dir.write("blobs/sha256-\(configHex)", config)
        try dir.write(
            "manifests/registry.ollama.ai/library/odd/latest",
            Array(
                """
                {"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256-\(configHex)","size":\(config.count)},
                "layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:\(modelHex)","size":\(model.count),"from":"base:1b"}]}
                """.utf8))
        let scan = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        let record = try #require(scan.models.first)
        #expect(record.configBlob?.digest == "sha256-\(configHex)" && record.layers[0].digest == "sha256:\(modelHex)")
        #expect(record.configBlob?.path == dir.path + "/blobs/sha256-\(configHex)")
        #expect(record.modelBlob == dir.path + "/blobs/sha256-\(modelHex)" && record.layers[0].from == "base:1b")
        #expect(record.status == .ok && record.config?.modelFamily == "llama")
        #expect(record.manifestPath == dir.path + "/manifests/registry.ollama.ai/library/odd/latest")
        #expect(
            !scan.leftovers().contains { $0.kind == .unreferencedBlob }
                && scan.isReferenced(BlobDigest(hex: configHex)!))
        #expect(!scan.isReferenced(BlobDigest(hex: modelHex.lowercased())!))
    }
}
