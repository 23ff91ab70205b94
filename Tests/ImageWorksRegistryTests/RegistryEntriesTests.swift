import FileIO
import FixtureKit
import ImageWorksRegistry
import Testing

/// The registry's entry list: lookups by name stay right through every kind of change.
@Suite struct RegistryEntriesTests {
    func registry(_ names: [String]) throws -> Registry {
        let dir = try TemporaryDirectory()
        let json = "[" + names.map { "{\"name\": \"\($0)\", \"backend\": \"vllm\"}" }.joined(separator: ", ") + "]"
        try dir.writeText("registry.json", json)
        return try Registry.load(.singleFile(path: dir.file("registry.json")))
    }

    /// Every name finds its own entry, and the order is the list's.
    func expectConsistent(_ registry: Registry, _ names: [String]) {
        #expect(registry.entries.map(\.name) == names)
        for name in names {
            #expect(registry.entry(named: name)?.name == name)
            #expect(registry.contains(name))
        }
    }

    @Test func putRemoveAndRemoveAllKeepLookupsRight() throws {
        var registry = try registry(["a", "b", "c", "d"])
        expectConsistent(registry, ["a", "b", "c", "d"])

        var replaced = RegistryEntry(name: "b", backend: "ollama")
        replaced.displayName = "B"
        registry.put(replaced)
        expectConsistent(registry, ["a", "b", "c", "d"])
        #expect(registry.entry(named: "b")?.backend == "ollama")

        registry.put(RegistryEntry(name: "e", backend: "vllm"))
        expectConsistent(registry, ["a", "b", "c", "d", "e"])

        #expect(registry.remove(named: "b")?.backend == "ollama")
        #expect(registry.remove(named: "b") == nil)
        #expect(registry.entry(named: "b") == nil)
        expectConsistent(registry, ["a", "c", "d", "e"])

        registry.removeAll(named: ["a", "d", "missing"])
        expectConsistent(registry, ["c", "e"])
        #expect(registry.entry(named: "a") == nil && !registry.contains("d"))

        registry.put(RegistryEntry(name: "a", backend: "vllm"))
        expectConsistent(registry, ["c", "e", "a"])
    }

    @Test func manyEntriesLoadAndChangeInLinearTime() throws {
        // 20,000 entries: a search per put or lookup would take seconds; the index takes milliseconds.
        let names = (0..<20_000).map { "model-\($0)" }
        var registry = try registry(names)
        for name in names.reversed() {
            var entry = try #require(registry.entry(named: name))
            entry.displayName = name.uppercased()
            registry.put(entry)
        }
        #expect(registry.entries.count == names.count)
        #expect(registry.entry(named: "model-19999")?.displayName == "MODEL-19999")
    }
}

/// The load–change–save transaction: a change that fails saves nothing, and a dry run writes nothing at all.
@Suite struct RegistryUpdateTests {
    struct Refused: Error {}

    @Test func aFailingChangeSavesNothing() throws {
        let dir = try TemporaryDirectory()
        let original = "[{\"name\": \"a\", \"backend\": \"vllm\"}]"
        try dir.writeText("registry.json", original)
        #expect(throws: Refused.self) {
            _ = try Registry.update(.singleFile(path: dir.file("registry.json")), dryRun: false) { registry in
                registry.put(RegistryEntry(name: "b", backend: "ollama"))
                throw Refused()
            }
        }
        #expect(try readText(dir.file("registry.json")) == original)
        #expect(try DirectoryListing(path: dir.path).entries.map(\.name) == ["registry.json", "registry.json.lock"])
    }

    @Test func aDryRunCreatesNothing() throws {
        let dir = try TemporaryDirectory()
        let (count, written) = try Registry.update(
            .layered(directory: dir.file("new")), dryRun: true, allowingMissing: true
        ) { registry in
            registry.put(RegistryEntry(name: "b", backend: "ollama"))
            return registry.entries.count
        }
        #expect(count == 1 && written.isEmpty)
        #expect(!FileSystem.exists(dir.file("new")))
    }
}
