import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct ImportCLITests {
    static let configs = Repo.root.appendingPathComponent("configs").path

    /// Every file below `path` with its bytes and mtime.
    static func snapshot(_ path: String) throws -> [String: (Data, Date)] {
        var files: [String: (Data, Date)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            let file = path + "/" + name
            let date = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as! Date
            files[name] = (try Data(contentsOf: URL(fileURLWithPath: file)), date)
        }
        return files
    }

    @Test func dryRunShowsThePlanAndWritesNothing() throws {
        let copy = try TemporaryDirectory.copy(of: Self.configs)
        let before = try Self.snapshot(copy.path)
        let r = try runCLI(
            ["import", "--store", Repo.fixtureStore, "--registry-dir", copy.path, "--dry-run"],
            environment: ["SOURCE_DATE_EPOCH": "1764064800"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("created    alice-embed-mini-q8-0-ollama-gguf-q8_0 ") })
        #expect(lines.contains { $0.hasPrefix("updated    smollm2-135m-ollama-gguf-q4_k_m ") })
        let renamed = try #require(lines.firstIndex { $0.hasPrefix("renamed    llava-mini-latest-ollama-gguf-q4_0 ") })
        #expect(lines[renamed + 1].hasPrefix("    from llava-mini-latest-ollama-gguf; "))
        #expect(lines.filter { $0.hasPrefix("skipped ") }.count == 3)
        #expect(lines.contains("Imported 8 Ollama model(s) (dry run).") && lines.last == "dry run: nothing written")
        let after = try Self.snapshot(copy.path)
        #expect(Set(after.keys) == Set(before.keys))
        for (name, (data, date)) in before {
            #expect(after[name]?.0 == data && after[name]?.1 == date, "\(name) changed")
        }
        // The dry run of a registry that would need a migration writes nothing either.
        let lone = try TemporaryDirectory()
        try FileManager.default.copyItem(
            atPath: Self.configs + "/model_registry.json", toPath: lone.path + "/model_registry.json")
        #expect(
            try runCLI(["import", "--store", Repo.fixtureStore, "--registry-dir", lone.path, "--dry-run"]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lone.path) == ["model_registry.json"])
    }

    @Test func realImportThenAgainChangesNothing() throws {
        let copy = try TemporaryDirectory.copy(of: Self.configs)
        let curated = try Data(contentsOf: URL(fileURLWithPath: copy.path + "/model_registry.curated.json"))
        let first = try runCLI(["import", "--store", Repo.fixtureStore, "--registry-dir", copy.path, "--json"])
        #expect(first.code == 0)
        let report = try JSONReader.parse(first.out)
        #expect(report["imported"]?.int64Value == 8 && report["written"]?.arrayValue?.count == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path + "/model_registry.curated.json")) == curated)
        let files = try Self.snapshot(copy.path)
        let second = try runCLI(["import", "--store", Repo.fixtureStore, "--registry-dir", copy.path])
        #expect(second.code == 0 && second.out.hasSuffix("registry unchanged\n"))
        #expect(second.out.split(separator: "\n").filter { $0.hasPrefix("unchanged ") }.count == 8)
        let again = try Self.snapshot(copy.path)
        for (name, (data, date)) in files { #expect(again[name]?.0 == data && again[name]?.1 == date, "\(name)") }
    }

    @Test func badRegistryExitsTwoNamingFileEntryAndField() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "model_registry.curated.json",
            Array("[{\"name\": \"x\", \"backend\": \"vllm\", \"deprecated\": \"maybe\"}]".utf8))
        let r = try runCLI(["import", "--store", Repo.fixtureStore, "--registry-dir", dir.path])
        #expect(r.code == 2)
        #expect(
            r.err
                == "ollama-scan: \(dir.path)/model_registry.curated.json: entry 0 (\"x\"): field \"deprecated\": expected true or false, found the string \"maybe\"\n"
        )
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                ".model_registry.lock", "model_registry.curated.json",
            ])
        let both = try runCLI([
            "import", "--store", Repo.fixtureStore, "--registry-dir", dir.path, "--registry", "x.json",
        ])
        #expect(both.code == 2)
    }

    /// A one-model store whose model no other test store has.
    static func secondStore() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let store = try StoreBuilder(root: dir.url)
        let model = try store.addBlob(
            DemoStore.model(arch: "llama", name: "Other", fileType: 2, quantType: 2, rows: 4, contextLength: 2048),
            mediaType: DemoStore.media("model"))
        let config = try store.addBlob(
            DemoStore.config(family: "llama", type: "1K", fileType: "Q4_0", layers: [model]),
            mediaType: StoreBuilder.dockerConfig)
        try store.addManifest("registry.ollama.ai/library/other/1b", config: config, layers: [model])
        return dir
    }

    @Test func concurrentImportsLoseNoEntry() throws {
        let registry = try TemporaryDirectory()
        let other = try Self.secondStore()
        for _ in 0..<3 {
            let processes = try [Repo.fixtureStore, other.path].map { store -> Process in
                let process = Process()
                process.executableURL = cliBinary
                process.arguments = ["import", "--store", store, "--registry-dir", registry.path]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            processes.forEach { $0.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        }
        let entries = try #require(
            try JSONReader.parse(
                Array(try Data(contentsOf: URL(fileURLWithPath: registry.path + "/model_registry.json")))
            ).arrayValue)
        let names = entries.compactMap { $0["name"]?.stringValue }
        #expect(names.count == 9 && Set(names).count == 9 && names.contains("other-1b-ollama-gguf-q4_0"))
    }

    @Test func aKilledWriteLeavesTheOldOrTheNewFileNeverATornOne() throws {
        let dir = try TemporaryDirectory()
        // A large single-file registry, so that the write takes long enough to be interrupted.
        var big = "["
        for i in 0..<4000 {
            big +=
                (i == 0 ? "" : ",")
                + "{\"name\": \"entry-\(i)\", \"backend\": \"vllm\", \"metadata\": {\"note\": \"\(String(repeating: "x", count: 200))\"}}"
        }
        big += "]"
        let original = Array(big.utf8)
        let path = dir.path + "/big.json"
        try Data(original).write(to: URL(fileURLWithPath: path))
        let arguments = ["import", "--store", Repo.fixtureStore, "--registry", path]
        let started = Date()
        #expect(try runCLI(arguments, environment: ["SOURCE_DATE_EPOCH": "1764064800"]).code == 0)
        let duration = Date().timeIntervalSince(started)
        let complete = try Data(contentsOf: URL(fileURLWithPath: path))
        var sawOld = false, sawNew = false
        for attempt in 0..<12 {
            try Data(original).write(to: URL(fileURLWithPath: path))
            let process = Process()
            process.executableURL = cliBinary
            process.arguments = arguments
            process.environment = ["SOURCE_DATE_EPOCH": "1764064800", "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Spread the kills over the whole run, the end (the write) included.
            Thread.sleep(forTimeInterval: duration * (0.5 + Double(attempt) / 16))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(now == Data(original) || now == complete, "attempt \(attempt): a torn file of \(now.count) bytes")
            if now == Data(original) { sawOld = true } else if now == complete { sawNew = true }
        }
        #expect(sawOld)
        print("killed writes: old file seen \(sawOld), new file seen \(sawNew)")
        // The next writer removes what killed ones leave (each run also removes its predecessors', so the
        // loop above rarely leaves any: plant them, in this version's name and the earlier one's, as a writer
        // killed by another process ID would leave them).
        let dead = try exitedProcessID()
        for name in [".big.json.\(dead).tmp", ".big.json.ollama-scan-\(dead).tmp"] {
            try Data(repeating: 0x5B, count: 1 << 20).write(to: URL(fileURLWithPath: dir.path + "/" + name))
        }
        try Data(original).write(to: URL(fileURLWithPath: path))
        #expect(try runCLI(arguments, environment: ["SOURCE_DATE_EPOCH": "1764064800"]).code == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }
}
