import FixtureKit
import Foundation
import OllamaStore
import StoreWriting
import Testing

@Suite struct ModelRemoverTests {
    func scan(_ store: CareStore) throws -> StoreScan {
        try StoreScanner(root: store.root, readsModelFiles: false).scan()
    }

    func blobExists(_ store: CareStore, _ descriptor: StoreBuilder.Descriptor) -> Bool {
        FileManager.default.fileExists(atPath: store.directory.path + "/blobs/sha256-" + descriptor.digest.dropFirst(7))
    }

    /// Removing one of two names of the same model frees nothing: every blob is the other's too.
    @Test func anAliasKeepsEveryBlob() throws {
        let store = try CareStore()
        let scan = try scan(store)
        let remover = ModelRemover(scan: scan)
        let report = remover.apply(remover.plan(scan.models(matching: "big:latest")))
        #expect(report.models.map(\.action) == [.removed])
        #expect(report.bytes == 0 && report.blobs.allSatisfy { $0.action.name == "keep" })
        #expect(store.descriptors["big:1b"]!.allSatisfy { blobExists(store, $0) })
        #expect(
            !FileManager.default.fileExists(
                atPath: store.directory.path + "/manifests/registry.ollama.ai/library/big/latest"))
        // The model's folder stays: big:1b is still in it.
        #expect(
            FileManager.default.fileExists(atPath: store.directory.path + "/manifests/registry.ollama.ai/library/big"))
    }

    /// Both names gone: the blobs only they used go, the template `small:q8` shares stays, and the empty
    /// folder goes up to `manifests/`.
    @Test func theLastUserTakesItsBlobsAndFolders() throws {
        let store = try CareStore()
        let scan = try scan(store)
        let remover = ModelRemover(scan: scan)
        let plan = remover.plan(scan.models(matching: "big:1b") + scan.models(matching: "big:latest"))
        let big = store.descriptors["big:latest"]!
        let template = big[2]
        let expected = Set(big.map(\.digest)).subtracting([template.digest])
        #expect(Set(plan.blobs.filter { $0.action == .delete }.map(\.digest.description)) == expected)
        // Each blob once, at its length (small files occupy a whole block, so what they free is their size).
        let sizes = Dictionary(big.map { ($0.digest, Int64($0.size)) }, uniquingKeysWith: { a, _ in a })
        #expect(plan.bytes == expected.reduce(Int64(0)) { $0 + sizes[$1]! })
        let report = remover.apply(plan)
        #expect(!report.hasFailures)
        #expect(big.filter { expected.contains($0.digest) }.allSatisfy { !blobExists(store, $0) })
        #expect(blobExists(store, template))
        #expect(
            !FileManager.default.fileExists(atPath: store.directory.path + "/manifests/registry.ollama.ai/library/big"))
        #expect(FileManager.default.fileExists(atPath: store.directory.path + "/manifests/registry.ollama.ai/library"))
        // What is left still verifies as a store: the other models are untouched.
        let after = try StoreScanner(root: store.root, readsModelFiles: false).scan()
        #expect(Set(after.models.map(\.displayName)) == ["small:q8", "ghost:7b"])
    }

    /// A pull that finishes between the plan and the unlink keeps the blob it references.
    @Test func aManifestAddedMeanwhileKeepsItsBlob() throws {
        let store = try CareStore()
        let scan = try scan(store)
        let remover = ModelRemover(scan: scan)
        let small = store.descriptors["small:q8"]!
        let plan = remover.plan(scan.models(matching: "small:q8"))
        let report = remover.apply(plan) { path in
            guard path.hasSuffix(String(small[1].digest.dropFirst(7))) else { return }
            try! StoreBuilder(root: store.directory.url).addManifest(
                "registry.ollama.ai/library/late/latest", config: small[0], layers: [small[1]])
        }
        #expect(
            report.blobs.first { $0.digest.description == small[1].digest }?.action == .keep(reason: "referenced now"))
        #expect(blobExists(store, small[1]))
    }

    /// While a manifest does not parse, any blob might be its: the manifest goes, the blobs stay.
    @Test func anUnparseableManifestKeepsEveryBlob() throws {
        let store = try CareStore()
        try StoreBuilder(root: store.directory.url).addManifestFile(
            "registry.ollama.ai/library/torn/latest", bytes: Array(#"{"schemaVersion":2,"#.utf8))
        let scan = try scan(store)
        let remover = ModelRemover(scan: scan)
        let report = remover.apply(remover.plan(scan.models(matching: "small:q8")))
        #expect(report.models.map(\.action) == [.removed])
        #expect(report.bytes == 0)
        #expect(report.blobs.allSatisfy { $0.action.name == "keep" })
        // Its own model blob, which no other model uses, is kept for the torn manifest's sake.
        let own = try #require(report.blobs.first { $0.digest.description == store.descriptors["small:q8"]![1].digest })
        #expect(own.action.reason?.contains("library/torn/latest") == true)
        #expect(store.descriptors["small:q8"]!.allSatisfy { blobExists(store, $0) })
    }

    /// A manifest replaced since the scan (pulled again) is not removed, and neither are its blobs.
    @Test func aManifestChangedSinceTheScanStays() throws {
        let store = try CareStore()
        let scan = try scan(store)
        let remover = ModelRemover(scan: scan)
        let plan = remover.plan(scan.models(matching: "small:q8"))
        let small = store.descriptors["small:q8"]!
        try StoreBuilder(root: store.directory.url).addManifest(
            "registry.ollama.ai/library/small/q8", config: small[0], layers: Array(small.dropFirst()),
            trailingNewline: true)
        let report = remover.apply(plan)
        #expect(report.models.first?.action.name == "skipped")
        #expect(report.bytes == 0 && small.allSatisfy { blobExists(store, $0) })
    }
}
