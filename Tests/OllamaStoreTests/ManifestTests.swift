import FixtureKit
import Foundation
import Hashing
import OllamaStore
import Testing

@Suite struct ManifestTests {
    let config = StoreBuilder.Descriptor(
        mediaType: StoreBuilder.dockerConfig, digest: "sha256:" + String(repeating: "a", count: 64), size: 10)

    @Test func sizesCountDuplicatesButUniqueSizeDoesNot() throws {
        let layer = StoreBuilder.Descriptor(
            mediaType: "application/vnd.ollama.image.license", digest: "sha256:" + String(repeating: "b", count: 64),
            size: 100)
        let bytes = StoreBuilder.manifestBytes(config: config, layers: [layer, layer, config])
        let manifest = try Manifest(bytes: bytes)
        #expect(manifest.declaredSize == 10 + 100 + 100 + 10)
        #expect(manifest.uniqueSize == 110)
        #expect(manifest.referencedDigests.count == 2)
        #expect(manifest.digest == (try SHA256Hasher.digest(of: bytes)))
    }

    @Test func nullLayersIsACloudStub() throws {
        let manifest = try Manifest(bytes: StoreBuilder.manifestBytes(config: config, layers: nil))
        #expect(manifest.layers.isEmpty && manifest.hasNullLayers)
        #expect(manifest.declaredSize == 10)
    }

    @Test func lastModelLayerWins() throws {
        let a = StoreBuilder.Descriptor(
            mediaType: "application/vnd.ollama.image.model", digest: "sha256:" + String(repeating: "1", count: 64),
            size: 1)
        let b = StoreBuilder.Descriptor(
            mediaType: "application/vnd.ollama.image.model", digest: "sha256:" + String(repeating: "2", count: 64),
            size: 2)
        let manifest = try Manifest(bytes: StoreBuilder.manifestBytes(config: config, layers: [a, b]))
        #expect(manifest.modelLayer?.size == 2)
    }

    /// Go's decoder stops at a chunk boundary: a 513-byte manifest ending in "\n" is hashed without it.
    @Test func digestOf513ByteManifestEndingInNewlineLeavesTheNewlineOut() throws {
        var pad = 0
        var bytes: [UInt8] = []
        repeat {
            let layer = StoreBuilder.Descriptor(
                mediaType: "application/vnd.ollama.image.x" + String(repeating: "x", count: pad),
                digest: "sha256:" + String(repeating: "c", count: 64), size: 5)
            bytes = StoreBuilder.manifestBytes(config: config, layers: [layer], trailingNewline: true)
            pad += 1
        } while bytes.count < 513
        #expect(bytes.count == 513)
        let manifest = try Manifest(bytes: bytes)
        #expect(manifest.digest == (try SHA256Hasher.digest(of: Array(bytes[..<512]))))
        #expect(manifest.digest != (try SHA256Hasher.digest(of: bytes)))
        // One byte longer: the whole file is read and hashed.
        #expect(ManifestDigest.hashedLength(fileLength: 514, valueEnd: 513) == 514)
        #expect(ManifestDigest.hashedLength(fileLength: 1537, valueEnd: 1536) == 1536)
        #expect(ManifestDigest.hashedLength(fileLength: 3585, valueEnd: 3584) == 3584)
        #expect(ManifestDigest.hashedLength(fileLength: 600, valueEnd: 300) == 512)
    }

    @Test(arguments: [
        ("not json", "invalid JSON"), ("[]", "is not a JSON object"), (#"{"config": null}"#, "config is missing"),
        (#"{"config": {"size": "1"}}"#, "config.size is a string"),
        (#"{"config": {}, "layers": {}}"#, "layers is an object"),
        (#"{"config": {}, "layers": [{"size": 1.5}]}"#, "layers[0].size 1.5 is not a 64-bit integer"),
    ])
    func malformedManifests(text: String, message: String) {
        #expect { try Manifest(bytes: Array(text.utf8)) } throws: { "\($0)".contains(message) }
    }

    @Test func keysMatchWithoutCaseAsInGo() throws {
        let manifest = try Manifest(
            bytes: Array(
                #"{"SchemaVersion":2,"Config":{"Digest":"sha256:\#(String(repeating: "d", count: 64))","SIZE":7},"LAYERS":null}"#
                    .utf8))
        #expect(manifest.config.size == 7 && manifest.config.digest != nil)
    }

    @Test func blobNames() {
        let hex = String(repeating: "ab", count: 32)
        #expect(BlobInventory.classify("sha256-\(hex)") == .blob(BlobDigest(hex: hex)!, isLegacyName: false))
        #expect(BlobInventory.classify("sha256:\(hex)") == .blob(BlobDigest(hex: hex)!, isLegacyName: true))
        #expect(BlobInventory.classify("sha256-\(hex)-partial") == .partialDownload(BlobDigest(hex: hex)!))
        #expect(BlobInventory.classify("sha256:\(hex)-partial") == .partialDownload(BlobDigest(hex: hex)!))
        #expect(
            BlobInventory.classify("sha256-\(hex)-partial-12") == .partialDownloadPart(BlobDigest(hex: hex)!, index: 12)
        )
        #expect(BlobInventory.classify("sha256-\(hex).tmp") == .temporary)
        #expect(BlobInventory.classify("sha256-1234567890") == .temporary)
        #expect(BlobInventory.classify(".sha256-\(hex).ollama-scan-4242.tmp") == .temporary)
        #expect(BlobInventory.classify(".sha256-\(hex).other.tmp") == .other)
        #expect(BlobInventory.classify(".DS_Store") == .other)
        #expect(BlobInventory.classify("sha256-\(hex)-partial-x") == .other)
        #expect(BlobDigest(manifestDigest: "sha256:\(hex)")?.blobFileName == "sha256-\(hex)")
        #expect(BlobDigest(manifestDigest: "sha512:\(hex)") == nil)
        #expect(BlobDigest(manifestDigest: "sha256:\(hex)0") == nil)
    }
}
