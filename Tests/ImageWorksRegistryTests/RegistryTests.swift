import FixtureKit
import Foundation
import Hashing
import ImageWorksRegistry
import OrderedJSON
import Testing

func sha256(_ text: String) throws -> String { try SHA256Hasher.digest(of: Array(text.utf8)).hex }

func readText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

@Suite struct RegistryByteFormatTests {
    static let workedExample = """
        [{"name": "demo-llm", "backend": "vllm", "display_name": "Café 𝄞", "metadata": {"ratio": 1E-5, "n": 10, "x": 1.50, "big": 1e16, "tags": [], "obj": {}}}]
        """

    @Test func workedExampleInBothForms() throws {
        let dir = try TemporaryDirectory()
        // Typed form: single-file load and save.
        try dir.writeText("single.json", Self.workedExample)
        let registry = try Registry.load(.singleFile(path: dir.file("single.json")))
        try registry.save()
        let typed = try readText(dir.file("single.json"))
        #expect(typed.utf8.count == 1387)
        #expect(try sha256(typed) == "b1a6bc4e543eebd27413dbc69038c1912f897f5d993d563745eab1a828932caa")
        #expect(typed.hasSuffix("}\n]\n"))
        // Generic form: the entry in the curated layer appears in the snapshot as written.
        try dir.writeText("layers/model_registry.curated.json", Self.workedExample)
        let layered = try Registry.load(.layered(directory: dir.file("layers")))
        try layered.save()
        let snapshot = try readText(dir.file("layers/model_registry.json"))
        #expect(snapshot.utf8.count == 236)
        #expect(try sha256(snapshot) == "d3ffca7e8dc6731765c16c4f8248d2675a3f9f81620832e7d5c71277bbb19bed")
        // The curated entry is not dynamic: the discovered layer stays empty, the curated file untouched.
        #expect(try readText(dir.file("layers/model_registry.discovered.json")) == "[]\n")
        #expect(try readText(dir.file("layers/model_registry.curated.json")) == Self.workedExample)
    }

    /// The seed-era reference files are fixed points of the original: read and re-written, the same bytes.
    @Test(arguments: [
        "golden/import_sim_seed-14c5db2_output.json",
        "commit-14c5db2_configs-model_registry_curated-vllm-llava-1.5-7b-awq.json",
        "commit-14c5db2_configs-model_registry_qwen2.5vl-7b-ollama-gguf.json",
        "commit-1f77217_configs-model_registry_seamon67-strategyA-with-quant.json",
        "commit-d4a35b0_configs-model_registry.backup.pre_split_placeholder-model-ollama-gguf-q6_k.json",
    ])
    func referenceFilesRoundTrip(_ name: String) throws {
        let source = SharedReference.imageWorksRegistry.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: source.path) else {
            print("skipped: \(source.path) is absent")
            return
        }
        let original = try readText(source.path)
        let dir = try TemporaryDirectory()
        try dir.writeText("registry.json", original)
        let registry = try Registry.load(.singleFile(path: dir.file("registry.json")))
        #expect(!registry.entries.isEmpty)
        try registry.save()
        let rewritten = try readText(dir.file("registry.json"))
        if name.contains("placeholder") {
            // "None" in served_model_id is absent, written as null.
            #expect(original.contains("\"served_model_id\": \"None\""))
            #expect(
                rewritten
                    == original.replacingOccurrences(
                        of: "\"served_model_id\": \"None\"", with: "\"served_model_id\": null"))
        } else {
            #expect(rewritten == original)
        }
        if name.hasPrefix("golden/") {
            #expect(try sha256(original) == "e807cfe2c26ccda1afa9cb76aa45f8221d67f9df4d9860f0a229ba6585c33d1f")
        }
    }

    @Test func unknownKeysSurviveAfterTheKnownOnes() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText(
            "r.json",
            """
            [{"zeta": 1, "name": " spaced ", "backend": "vllm", "backend_config": {"host": "h", "port": "8000", "model_path": null},
              "performance": {"rolling_samples": 2.9, "last_sample": {"extra": true, "ttft_ms": 5}},
              "probes": {"vision": {"notes": "n"}}, "alpha": [], "license": "  ", "model_aliases": ["a ", "", 0, " "],
              "deprecated": "TRUE", "served_model_id": "", "capabilities": [["text", true]], "role_priority": null}]
            """)
        let registry = try Registry.load(.singleFile(path: dir.file("r.json")))
        let entry = try #require(registry.entries.first)
        #expect(entry.name == "spaced" && entry.displayName == "spaced")
        #expect(entry.unknownKeys.keys == ["zeta", "alpha"])
        #expect(entry.backendConfig.port == .integer(8000) && entry.backendConfig.modelPath == "None")
        #expect(entry.backendConfig.unknownKeys.keys == ["host"])
        #expect(entry.performance.rollingSamples == .integer(2))
        #expect(entry.performance.lastSample?.keys == ["ttft_ms", "tokens_generated", "duration_ms", "extra"])
        #expect(entry.probes.vision?.keys == ["vision_ok", "timestamp", "probe_version", "latency_ms", "notes"])
        #expect(entry.license == nil && entry.modelAliases == ["a"] && entry.deprecated && entry.servedModelID == nil)
        #expect(entry.capabilities.keys == ["text"] && entry.rolePriority.isEmpty)
        #expect(registry.warnings.count == 1 && registry.warnings[0].contains("deprecated"))
        try registry.save()
        let keys = try #require(
            try JSONReader.parse(try readText(dir.file("r.json"))).arrayValue?.first?.objectValue?.keys)
        #expect(Array(keys.prefix(31)) == RegistryEntry.keys && Array(keys.suffix(2)) == ["zeta", "alpha"])
        // A second round trip is a fixed point.
        let once = try readText(dir.file("r.json"))
        try Registry.load(.singleFile(path: dir.file("r.json"))).save()
        #expect(try readText(dir.file("r.json")) == once)
    }
}

@Suite struct RegistryLoadErrorTests {
    /// Malformed input → the words its one-line error must contain.
    static let cases: [(String, String)] = [
        ("[", "not valid JSON"),
        ("{\"name\": \"x\"}", "must hold a JSON array"),
        ("[1]", "entry 0: not a JSON object"),
        ("[{\"backend\": \"vllm\"}]", "entry 0: field \"name\": missing"),
        ("[{\"name\": \"  \", \"backend\": \"vllm\"}]", "field \"name\": empty"),
        ("[{\"name\": \"a\"}]", "entry 0 (\"a\"): field \"backend\": missing"),
        (
            "[{\"name\": \"a\", \"backend\": \"b\", \"backend_config\": null}]",
            "field \"backend_config\": expected an object, found null"
        ),
        (
            "[{\"name\": \"a\", \"backend\": \"b\", \"backend_config\": {\"port\": \"x\"}}]",
            "field \"backend_config.port\": expected an integer"
        ),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"backend_config\": {\"port\": null}}]", "backend_config.port"),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"capabilities\": null}]", "field \"capabilities\""),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"metadata\": 3}]", "field \"metadata\""),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"artifacts\": {\"files\": null}}]", "field \"artifacts.files\""),
        (
            "[{\"name\": \"a\", \"backend\": \"b\", \"performance\": {\"rolling_samples\": null}}]",
            "performance.rolling_samples"
        ),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"probes\": {\"vision\": [1]}}]", "probes.vision"),
        (
            "[{\"name\": \"a\", \"backend\": \"b\", \"deprecated\": null}]",
            "field \"deprecated\": expected true or false, found null"
        ),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"deprecated\": 1}]", "field \"deprecated\""),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"deprecated\": \"yes\"}]", "field \"deprecated\""),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"roles\": null}]", "field \"roles\""),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"download_files\": 5}]", "field \"download_files\""),
        (
            "[{\"name\": \"a\", \"backend\": \"b\", \"metadata\": {\"r\": NaN}}]",
            "field \"metadata.r\": NaN is not a finite number"
        ),
        ("[{\"name\": \"a\", \"backend\": \"b\", \"x\": [1e400]}]", "x[0]"),
        ("[{\"name\": \"a\", \"backend\": \"b\"}, {\"name\": \"a \", \"backend\": \"c\"}]", "duplicate entry \"a\""),
    ]

    @Test(arguments: cases.indices)
    func malformedSingleFileGivesOneLineAndChangesNothing(_ i: Int) throws {
        let (text, expected) = Self.cases[i]
        let dir = try TemporaryDirectory()
        try dir.writeText("r.json", text)
        let before = try FileManager.default.attributesOfItem(atPath: dir.file("r.json"))[.modificationDate] as? Date
        do {
            _ = try Registry.load(.singleFile(path: dir.file("r.json")), environment: [:])
            Issue.record("loaded: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix(dir.file("r.json") + ": "))
            #expect(!error.description.contains("\n"))
        }
        #expect(try readText(dir.file("r.json")) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.json"])
        #expect(
            try FileManager.default.attributesOfItem(atPath: dir.file("r.json"))[.modificationDate] as? Date == before)
    }

    /// The file-level errors of a layered load name the file and change nothing.
    @Test(arguments: [
        "model_registry.curated.json|[{|not valid JSON",
        "model_registry.discovered.json|{\"a\": 1}|must hold a JSON array",
        "model_registry.discovered.json|[{\"name\": \"a\", \"backend\": \"b\"}, 7]|entry 1: not a JSON object",
        "model_registry.json|[{\"name\": \"a\"}|not valid JSON",
        "model_registry.json|\"text\"|must hold a JSON array",
    ])
    func malformedLayersGiveOneLine(_ row: String) throws {
        let parts = row.split(separator: "|", maxSplits: 2).map(String.init)
        let dir = try TemporaryDirectory()
        try dir.writeText(parts[0], parts[1])
        do {
            _ = try Registry.load(.layered(directory: dir.path))
            Issue.record("loaded \(row)")
        } catch {
            #expect(
                error.description.hasPrefix(dir.file(parts[0]) + ": ") && error.description.contains(parts[2]),
                "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [parts[0]])
        #expect(try readText(dir.file(parts[0])) == parts[1])
    }

    @Test func layeredEntriesWithoutANameAreSkipped() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText(
            "model_registry.discovered.json",
            "[{\"name\": null, \"backend\": \"b\"}, {\"backend\": \"b\"}, {\"name\": \" \", \"backend\": \"b\"}, {\"name\": \"ok\", \"backend\": \"b\"}]"
        )
        #expect(try Registry.load(.layered(directory: dir.path)).entries.map(\.name) == ["ok"])
    }

    @Test func writeAndLockFailuresNameThePath() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText("not-a-directory", "x")
        let registry = try Registry.load(.layered(directory: dir.file("not-a-directory")), allowingMissing: true)
        do {
            try registry.save()
            Issue.record("saved into a file")
        } catch {
            #expect(error == .writeFailed(path: dir.file("not-a-directory"), reason: "cannot create the directory"))
        }
        #expect(try readText(dir.file("not-a-directory")) == "x")
        do {
            _ = try Registry.update(
                .singleFile(path: dir.file("missing/registry.json")), dryRun: false, allowingMissing: true
            ) { _ in }
            Issue.record("locked in a missing directory")
        } catch let error as RegistryError {
            #expect(
                error.description.hasPrefix(dir.file("missing/registry.json.lock") + ": cannot lock the registry: "))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("missing")))
    }

    @Test func duplicatesAllowedByTheEnvironmentVariable() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText(
            "r.json",
            "[{\"name\": \"a\", \"backend\": \"b\"}, {\"name\": \"z\", \"backend\": \"c\"}, {\"name\": \"a\", \"backend\": \"d\"}]"
        )
        let registry = try Registry.load(
            .singleFile(path: dir.file("r.json")), environment: ["IMAGEWORKS_ALLOW_REGISTRY_DUPES": "1"])
        #expect(registry.entries.map(\.name) == ["a", "z"] && registry.entries[0].backend == "d")
    }

    @Test func missingFilesAndLayers() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: RegistryError.fileNotFound(path: dir.file("none.json"))) {
            try Registry.load(.singleFile(path: dir.file("none.json")))
        }
        #expect(throws: RegistryError.noLayers(directory: dir.path)) {
            try Registry.load(.layered(directory: dir.path))
        }
        #expect(try Registry.load(.layered(directory: dir.path), allowingMissing: true).entries.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        try dir.writeText("model_registry.discovered.json", "{}")
        #expect(throws: RegistryError.notAnArray(path: dir.file("model_registry.discovered.json"))) {
            try Registry.load(.layered(directory: dir.path))
        }
    }
}

@Suite struct LayeredRegistryTests {
    static let curated = """
        [
          {"name": "hand-vllm", "backend": "vllm", "deprecated": "false", "custom": 1},
          {"name": "shared", "backend": "vllm", "display_name": "curated view"}
        ]
        """
    static let discovered = """
        [
          {"name": "shared", "backend": "ollama", "download_path": "/x", "display_name": "discovered view"},
          {"name": "tool-made", "backend": "ollama", "deprecated": true}
        ]
        """

    @Test func mergeOrderOverlayAndCuratedNeverRewritten() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText("model_registry.curated.json", Self.curated)
        try dir.writeText("model_registry.discovered.json", Self.discovered)
        try dir.writeText(
            "model_registry.json",
            "[{\"name\": \"adopted\", \"backend\": \"gguf\"}, {\"name\": \"tool-made\", \"backend\": \"x\"}]")
        let registry = try Registry.load(.layered(directory: dir.path))
        #expect(registry.entries.map(\.name) == ["hand-vllm", "shared", "tool-made", "adopted"])
        #expect(registry.entry(named: "shared")?.displayName == "discovered view")
        #expect(registry.warnings.count == 1)
        try registry.save(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try readText(dir.file("model_registry.curated.json")) == Self.curated)
        let discoveredOut = try #require(
            try JSONReader.parse(try readText(dir.file("model_registry.discovered.json"))).arrayValue)
        // The dynamic overlay of a curated name is written; the static curated entry is not.
        #expect(discoveredOut.map { $0["name"]?.stringValue } == ["shared", "tool-made", "adopted"])
        // Deprecation survives a layered save.
        #expect(discoveredOut[1]["deprecated"] == .bool(true))
        let snapshot = try #require(try JSONReader.parse(try readText(dir.file("model_registry.json"))).arrayValue)
        #expect(snapshot.map { $0["name"]?.stringValue } == ["hand-vllm", "shared", "tool-made", "adopted"])
        // The curated entry appears in the snapshot as hand-written (generic form), extra keys and all.
        #expect(snapshot[0] == (try JSONReader.parse(Self.curated)).arrayValue?.first)
        #expect(snapshot[1]["display_name"]?.stringValue == "discovered view")
        // The previous versions are kept as backups.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.contains("model_registry.discovered.20270115-080000.bak.json"))
        #expect(names.contains("model_registry.20270115-080000.bak.json"))
        // Reloading gives the same registry, and saving again writes nothing.
        let again = try Registry.load(.layered(directory: dir.path))
        #expect(again.entries == registry.entries)
        #expect(try again.save(now: Date(timeIntervalSince1970: 1_800_000_100)).isEmpty)
    }

    @Test func migrationOfALoneSnapshotHappensOnSaveOnly() throws {
        let dir = try TemporaryDirectory()
        let lone = """
            [{"name": "hand", "backend": "vllm"}, {"name": "pulled", "backend": "ollama"},
             {"name": "made", "backend": "lmdeploy", "metadata": {"created_from_download": true}}, {"name": "u", "backend": "unassigned"}]
            """
        try dir.writeText("model_registry.json", lone)
        let registry = try Registry.load(.layered(directory: dir.path))
        #expect(registry.needsMigration && registry.entries.map(\.name) == ["hand", "pulled", "made", "u"])
        // Loading wrote nothing.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model_registry.json"])
        try registry.save()
        #expect(try readText(dir.file("model_registry.backup.pre_split.json")) == lone)
        #expect(
            try JSONReader.parse(try readText(dir.file("model_registry.curated.json")))
                == (try JSONReader.parse("[{\"name\": \"hand\", \"backend\": \"vllm\"}]")))
        let discovered = try #require(
            try JSONReader.parse(try readText(dir.file("model_registry.discovered.json"))).arrayValue)
        #expect(discovered.map { $0["name"]?.stringValue } == ["pulled", "made", "u"])
        let reloaded = try Registry.load(.layered(directory: dir.path))
        #expect(!reloaded.needsMigration && reloaded.entries.map(\.name) == ["hand", "pulled", "made", "u"])
    }

    @Test func registryFileThatIsALayeredSnapshotSwitchesToLayers() throws {
        let dir = try TemporaryDirectory()
        try dir.writeText("model_registry.curated.json", "[]")
        let (location, note) = RegistryLocation.resolve(
            directory: nil, file: dir.file("model_registry.json"), environment: [:])
        #expect(location == .layered(directory: dir.path) && note != nil)
        let (single, none) = RegistryLocation.resolve(
            directory: nil, file: dir.file("model_registry.json"), environment: ["IMAGEWORKS_REGISTRY_NO_LAYERING": "1"]
        )
        #expect(single == .singleFile(path: dir.file("model_registry.json")) && none == nil)
        #expect(
            RegistryLocation.resolve(directory: nil, file: nil, environment: ["IMAGEWORKS_REGISTRY_DIR": "/r"]).location
                == .layered(directory: "/r"))
        #expect(
            RegistryLocation.resolve(directory: nil, file: nil, environment: [:]).location
                == .layered(directory: "configs"))
    }
}

@Suite struct DemoRegistryTests {
    static let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("configs").path

    /// The demo registry loads, and is what a layered save would write: a save changes nothing.
    @Test func demoRegistryIsAFixedPoint() throws {
        let registry = try Registry.load(.layered(directory: Self.configs))
        #expect(
            registry.entries.map(\.name) == [
                "llava-1.5-7b-awq-vllm", "smollm2-135m-ollama-gguf-q4_k_m", "model-ollama-gguf-q6_k",
                "llava-mini-latest-ollama-gguf",
            ])
        for (path, text) in registry.plannedFiles() { #expect(try readText(path) == text, "\(path)") }
    }
}
