import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// `du`, `orphans` and `prune` through the binary, on copies of the bundled store.
@Suite struct StoreCareCLITests {
    /// A copy of the bundled store whose files are two hours old (a fresh checkout is younger than the grace).
    static func agedCopy() throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        try TemporaryDirectory.age(copy.path, by: 7200)
        return copy
    }

    /// Every path below `root`, but for the writers' lock file at its top, which a writer leaves there.
    static func files(_ root: String) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: root)).subtracting([".ollama-scan.lock"])
    }

    @Test func duTableAndTotals() throws {
        let r = try runCLI(["du", "--store", Repo.fixtureStore, "--sort", "name"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.first?.contains("EXCLUSIVE") == true && lines.first?.contains("SHARED WITH") == true)
        #expect(
            lines.contains { $0.hasPrefix("smollm2:135m") && $0.hasSuffix("smollm2-coder:ctx1k and smollm2:latest") })
        #expect(lines.contains { $0.hasPrefix("total on disk") })
        #expect(
            lines.contains { $0.hasPrefix("sum of ollama list SIZE") && $0.contains("shared blobs counted again: ") })
        #expect(lines.contains { $0.hasPrefix("orphans") && $0.hasSuffix("1 unreferenced blob") })
    }

    @Test func duJSONIsExactAndConsistent() throws {
        let r = try runCLI(["du", "--store", Repo.fixtureStore, "--json"])
        #expect(r.code == 0 && r.err.isEmpty)
        let json = try JSONReader.parse(r.out)
        #expect(
            json.objectValue?.keys == [
                "store", "totals", "models", "shared_blobs", "unparseable_manifests", "warnings",
            ])
        let models = json["models"]?.arrayValue ?? []
        #expect(models.count == 11)
        for model in models {
            let unique = model["unique_bytes"]?.int64Value ?? -1
            let shared = model["shared_bytes"]?.int64Value ?? -1
            #expect(model["exclusive_bytes"]?.int64Value == unique - shared)
        }
        // Sorted by exclusive bytes, largest first (the default).
        let exclusive = models.compactMap { $0["exclusive_bytes"]?.int64Value }
        #expect(exclusive == exclusive.sorted(by: >))
        let totals = try #require(json["totals"]?.objectValue)
        let parts = [
            "referenced_bytes", "orphan_bytes", "partial_bytes", "temporary_bytes", "foreign_bytes", "manifest_bytes",
        ]
        #expect(totals["total_bytes"]?.int64Value == parts.compactMap { totals[$0]?.int64Value }.reduce(0, +))
        #expect(totals["declared_size_sum"]?.int64Value == models.compactMap { $0["size"]?.int64Value }.reduce(0, +))
    }

    @Test func duOfOneModelAndOfAnUnknownOne() throws {
        let r = try runCLI(["du", "smollm2:135m", "--store", Repo.fixtureStore])
        #expect(r.code == 0 && r.out.split(separator: "\n").filter { $0.hasPrefix("smollm2") }.count == 1)
        let missing = try runCLI(["du", "nosuchmodel", "--store", Repo.fixtureStore])
        #expect(missing.code == 1 && missing.err.contains("model nosuchmodel not found"))
        let usage = try runCLI(["du", "--sort", "bogus", "--store", Repo.fixtureStore])
        #expect(usage.code == 2)
    }

    @Test func orphansListsEveryLeftover() throws {
        let r = try runCLI(["orphans", "--store", Repo.fixtureStore])
        #expect(r.code == 0)
        #expect(
            r.out.contains("unreferenced blob") && r.out.contains("25% of 4.1 KB (1 part)") && r.out.contains("3 files")
        )
        let json = try JSONReader.parse(try runCLI(["orphans", "--store", Repo.fixtureStore, "--json"]).out)
        #expect(
            json.objectValue?.keys == [
                "store", "unparseable_manifests", "counts", "files", "partial_downloads", "warnings",
            ])
        #expect(json["counts"]?["unreferenced_blob"]?.int64Value == 1 && json["files"]?.arrayValue?.count == 3)
        #expect(json["partial_downloads"]?.arrayValue?.first?["completed_bytes"]?.int64Value == 1024)
    }

    @Test func orphansWarnsFirstAboutAnUnparseableManifest() throws {
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        try StoreBuilder(root: copy.url).addManifestFile(
            "registry.ollama.ai/library/broken/latest", bytes: Array("{".utf8))
        let r = try runCLI(["orphans", "--store", copy.path])
        #expect(
            r.code == 0 && r.out.hasPrefix("Manifests that do not parse") && r.out.contains("library/broken/latest"))
    }

    @Test func pruneWithoutApplyWritesNothing() throws {
        let copy = try Self.agedCopy()
        let before = try Self.files(copy.path)
        let r = try runCLI(["prune", "--store", copy.path])
        #expect(r.code == 0 && r.out.contains("would delete") && r.out.contains("Would delete 1 file and free 43 B"))
        #expect(try Self.files(copy.path) == before)
    }

    @Test func pruneApplyDeletesTheOrphanOnly() throws {
        let copy = try Self.agedCopy()
        let before = try Self.files(copy.path)
        let models = try runCLI(["models", "--json", "--store", copy.path]).out
        let r = try runCLI(["prune", "--apply", "--while-running", "--store", copy.path, "--json"])
        #expect(r.code == 0)
        let json = try JSONReader.parse(r.out)
        #expect(json["applied"]?.boolValue == true && json["bytes"]?.int64Value == 43)
        let deleted = (json["files"]?.arrayValue ?? []).filter { $0["action"]?.stringValue == "deleted" }
        #expect(deleted.count == 1 && deleted.first?["kind"]?.stringValue == "unreferenced_blob")
        let gone = before.subtracting(try Self.files(copy.path))
        #expect(gone.count == 1 && gone.first?.hasPrefix("blobs/sha256-") == true)
        // Every model reads exactly as before.
        #expect(try runCLI(["models", "--json", "--store", copy.path]).out == models)
        // A second run finds nothing more to delete.
        #expect(
            try runCLI(["prune", "--apply", "--while-running", "--store", copy.path]).out.contains("Deleted 0 files"))
    }

    @Test func pruneRefusesWhileAManifestDoesNotParse() throws {
        let copy = try Self.agedCopy()
        try StoreBuilder(root: copy.url).addManifestFile(
            "registry.ollama.ai/library/broken/latest", bytes: Array("{".utf8))
        let before = try Self.files(copy.path)
        let r = try runCLI(["prune", "--apply", "--while-running", "--store", copy.path])
        #expect(r.code == 2 && r.err.contains("refusing to prune") && r.err.contains("library/broken/latest"))
        #expect(try Self.files(copy.path) == before)
    }

    @Test func pruneUsageErrors() throws {
        for arguments in [["--grace", "soon"], ["--grace", ""], ["--bogus"]] {
            let r = try runCLI(["prune", "--store", Repo.fixtureStore] + arguments)
            #expect(r.code == 2, "\(arguments)")
        }
        let r = try runCLI(["prune", "--store", "/nonexistent/store"])
        #expect(r.code == 2)
    }
}
