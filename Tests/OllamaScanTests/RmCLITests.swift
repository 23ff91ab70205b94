import FileIO
import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct RmCLITests {
    static func copy() throws -> TemporaryDirectory { try TemporaryDirectory.copy(of: Repo.fixtureStore) }

    static func files(_ root: String) throws -> Set<String> { try StoreCareCLITests.files(root) }

    @Test func removesTheModelAndTheBlobsOnlyItUsed() throws {
        let store = try Self.copy()
        let before = try JSONReader.parse(try runCLI(["models", "--json", "--store", store.path]).out)
        let r = try runCLI(["rm", "llava-mini", "-y", "--while-running", "--json", "--store", store.path])
        #expect(r.code == 0, "\(r.err)")
        let report = try JSONReader.parse(r.out)
        #expect(report["applied"]?.boolValue == true)
        #expect(report["models"]?.arrayValue?.map { $0["action"]?.stringValue } == ["removed"])
        let deleted = report["blobs"]?.arrayValue?.filter { $0["action"]?.stringValue == "deleted" } ?? []
        #expect(deleted.count == 5 && report["bytes"]?.int64Value == 5742)
        for blob in deleted { #expect(!FileManager.default.fileExists(atPath: blob["path"]!.stringValue!)) }
        // The license it shared with six models stays, and every other model reads exactly as before.
        let after = try JSONReader.parse(try runCLI(["models", "--json", "--store", store.path]).out)
        let others = before["models"]?.arrayValue?.filter { $0["name"]?.stringValue != "llava-mini:latest" }
        #expect(after["models"]?.arrayValue?.count == 10)
        #expect(
            Set((after["models"]?.arrayValue ?? []).map { JSONWriter.compact($0) })
                == Set((others ?? []).map { JSONWriter.compact($0) }))
        #expect(try runCLI(["verify", "smollm2:135m", "alice/embed-mini:Q8_0", "-q", "--store", store.path]).code == 0)
        // The model's folder is gone, manifests/ and its other folders stay.
        #expect(!FileManager.default.fileExists(atPath: store.file("manifests/registry.ollama.ai/library/llava-mini")))
        #expect(FileManager.default.fileExists(atPath: store.file("manifests/registry.ollama.ai/library/smollm2")))
    }

    @Test func aDryRunAnUnknownNameAndNoTerminalChangeNothing() throws {
        let store = try Self.copy()
        let before = try Self.files(store.path)
        let dry = try runCLI(["rm", "llava-mini", "--dry-run", "--store", store.path])
        #expect(
            dry.code == 0 && dry.out.contains("would remove llava-mini:latest") && dry.out.contains("Would free 5.7 KB")
        )
        let unknown = try runCLI(["rm", "llava-mini", "llava-maxi", "-y", "--while-running", "--store", store.path])
        #expect(unknown.code == 1 && unknown.err.contains("model llava-maxi not found") && unknown.out.isEmpty)
        let asked = try runCLI(["rm", "llava-mini", "--while-running", "--store", store.path])
        #expect(asked.code == 2 && asked.out.contains("would remove llava-mini:latest") && asked.err.contains("-y"))
        #expect(try Self.files(store.path) == before)
    }

    /// Not beside a running Ollama, unless told; not beside another writer, unless told to wait.
    @Test func theWriteGuardRefusesAndWaits() throws {
        let store = try Self.copy()
        let before = try Self.files(store.path)
        let ollama = try StandInOllama()
        let refused = try runCLI(["rm", "llava-mini", "-y", "--store", store.path])
        #expect(
            refused.code == 2 && refused.err.contains("an Ollama server is running (pid")
                && refused.err.contains("\(ollama.pid)"))
        let pruneRefused = try runCLI(["prune", "--apply", "--grace", "0", "--store", store.path])
        #expect(pruneRefused.code == 2 && pruneRefused.err.contains("--while-running"))
        #expect(try Self.files(store.path) == before)
        ollama.stop()

        let lock = try FileLock(path: store.file(".ollama-scan.lock"))
        let busy = try runCLI(["rm", "llava-mini", "-y", "--while-running", "--store", store.path])
        #expect(busy.code == 2 && busy.err.contains("another ollama-scan is writing") && busy.err.contains("--wait"))
        #expect(try Self.files(store.path) == before)
        // --wait takes its turn once the holder lets go.
        nonisolated(unsafe) let held = lock
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { held.release() }
        let waited = try runCLI(["rm", "llava-mini", "-y", "--while-running", "--wait", "--store", store.path])
        #expect(waited.code == 0 && waited.out.contains("removed llava-mini:latest"), "\(waited.err)")
    }
}
