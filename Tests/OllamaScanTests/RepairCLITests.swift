import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct RepairCLITests {
    static func modelBlob(_ model: String, in store: String) throws -> String {
        try #require(
            JSONReader.parse(try runCLI(["show", model, "--json", "--store", store]).out)["model_blob"]?.stringValue)
    }

    /// Without a source, a damaged blob goes to quarantine and the models that use it need a pull.
    @Test func withoutASourceTheDamagedBlobIsMovedAsideForAPull() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let blob = try Self.modelBlob("smollm2:135m", in: store.path)
        try BlobCorruption.flippedByte.apply(to: blob, otherBlob: blob)
        let damaged = try Data(contentsOf: URL(fileURLWithPath: blob))
        let quarantine = try TemporaryDirectory()
        let before = try BundleCLITests.contents(store.path)
        let dry = try runCLI([
            "repair", "smollm2:135m", "--dry-run", "--quarantine", quarantine.path, "--store", store.path,
        ])
        #expect(dry.code == 1 && dry.out.contains("would be moved to") && dry.out.contains("ollama pull smollm2:135m"))
        #expect(
            try BundleCLITests.contents(store.path) == before
                && (try FileManager.default.contentsOfDirectory(atPath: quarantine.path)).isEmpty)

        let r = try runCLI([
            "repair", "--json", "--while-running", "--quarantine", quarantine.path, "--store", store.path,
        ])
        #expect(r.code == 1)
        let report = try JSONReader.parse(r.out)
        let pulls = report["pull_commands"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(
            Set(pulls) == [
                "ollama pull smollm2:135m", "ollama pull smollm2:latest", "ollama pull smollm2-coder:ctx1k",
                "ollama pull ghost:7b",
            ])
        #expect(!FileManager.default.fileExists(atPath: blob))
        let kept = quarantine.file((blob as NSString).lastPathComponent)
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == damaged)
    }

    /// From another store or from a bundle, the good copy replaces the damaged one and the models verify.
    @Test(arguments: ["store", "bundle"]) func aSourceRestoresTheBlob(_ kind: String) throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let blob = try Self.modelBlob("smollm2:135m", in: store.path)
        try BlobCorruption.truncated.apply(to: blob, otherBlob: blob)
        let work = try TemporaryDirectory()
        var source = Repo.fixtureStore
        if kind == "bundle" {
            source = work.file("b.tar")
            #expect(try runCLI(["pack", "smollm2:latest", "-o", source, "--store", Repo.fixtureStore]).code == 0)
        }
        let r = try runCLI([
            "repair", "smollm2", "smollm2:135m", "smollm2-coder:ctx1k", "--from", source, "--while-running",
            "--quarantine", work.file("q"), "--store", store.path, "--json",
        ])
        #expect(r.code == 0, "\(r.out) \(r.err)")
        let report = try JSONReader.parse(r.out)
        #expect(report["complete"]?.boolValue == true)
        #expect(report["blobs"]?.arrayValue?.first?["restored_from"]?.stringValue == source)
        #expect(Set(report["models"]?.arrayValue?.compactMap { $0["outcome"]?.stringValue } ?? []) == ["repaired"])
        #expect(try runCLI(["verify", "smollm2:135m", "smollm2-coder:ctx1k", "-q", "--store", store.path]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.file("q")).count == 1)
    }

    /// A manifest that does not parse is reported, never repaired by guessing.
    @Test func anUnparseableManifestIsReportedNotRepaired() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        try store.writeText("manifests/registry.ollama.ai/library/torn/latest", "{\"schemaVersion\":2,")
        let r = try runCLI(["repair", "--json", "--while-running", "--from", Repo.fixtureStore, "--store", store.path])
        let models = try JSONReader.parse(r.out)["models"]?.arrayValue ?? []
        let torn = try #require(models.first { $0["name"]?.stringValue == "torn:latest" })
        #expect(r.code == 1 && torn["outcome"]?.stringValue == "not_repairable")
        #expect(torn["reason"]?.stringValue?.contains("fix or remove its manifest") == true)
        #expect(
            try String(contentsOfFile: store.file("manifests/registry.ollama.ai/library/torn/latest"), encoding: .utf8)
                == "{\"schemaVersion\":2,")
    }
}
