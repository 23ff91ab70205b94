import FixtureKit
import Foundation
import Hashing
import ImageWorksRegistry
import RegistryImport
import OllamaStore
import OrderedJSON
import Testing

/// A store holding the three models of the original importer's golden example.
struct GoldenStore {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        func add(_ name: String, fileType: UInt32?, configType: String, modelType: String, projector: Bool = false)
            throws
        {
            let model = try store.addBlob(
                DemoStore.model(
                    arch: "qwen25vl", name: name, fileType: fileType, quantType: 12, rows: 4, contextLength: 4096),
                mediaType: DemoStore.media("model"))
            var layers = [model]
            if projector {
                layers.append(
                    try store.addBlob(
                        DemoStore.model(
                            arch: "clip", name: "projector", fileType: 1, quantType: 1, rows: 2, contextLength: 0),
                        mediaType: DemoStore.media("projector")))
            }
            layers.append(
                try store.addBlob(Array("{{ .Prompt }} \(name)".utf8), mediaType: DemoStore.media("template")))
            let config = try store.addBlob(
                DemoStore.config(family: "qwen25vl", type: modelType, fileType: configType, layers: layers),
                mediaType: StoreBuilder.dockerConfig)
            let parts = name.split(separator: ":")
            try store.addManifest("registry.ollama.ai/library/\(parts[0])/\(parts[1])", config: config, layers: layers)
        }
        try add("mini-test:latest", fileType: nil, configType: "", modelType: "")
        try add("testmodel:Q4_K", fileType: nil, configType: "", modelType: "")
        try add("qwen2.5vl:7b", fileType: 15, configType: "Q4_K_M", modelType: "8.3B", projector: true)
    }

    func scan() throws -> StoreScan { try StoreScanner(root: StoreRoot(path: path)).scan() }
}

func importOptions(hash: Bool = false) -> RegistryImporter.Options {
    var options = RegistryImporter.Options()
    options.now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00+00:00, as the golden run
    options.hash = hash
    options.jobs = 2
    return options
}

@Suite struct RegistryImporterTests {
    @Test func goldenImportExample() throws {
        let store = try GoldenStore()
        let dir = try TemporaryDirectory()
        var registry = try Registry.load(.singleFile(path: dir.file("r.json")), allowingMissing: true)
        let result = try RegistryImporter(scan: try store.scan(), options: importOptions()).run(on: &registry)
        #expect(result.importedCount == 3 && result.outcomes.allSatisfy { $0.action == .created })
        // Name order, not list order.
        #expect(result.outcomes.map(\.model) == ["mini-test:latest", "qwen2.5vl:7b", "testmodel:Q4_K"])
        #expect(
            registry.entries.map(\.name) == [
                "mini-test-latest-ollama-gguf", "qwen2.5vl-7b-ollama-gguf-q4_k_m", "testmodel-ollama-gguf-q4_k",
            ])

        let goldenURL = SharedReference.imageWorksRegistry.appendingPathComponent(
            "golden/import_sim_seed-14c5db2_output.json")
        guard FileManager.default.fileExists(atPath: goldenURL.path) else {
            print("skipped the comparison with the golden output: \(goldenURL.path) is absent")
            return
        }
        let golden = try #require(try JSONReader.parse(Array(try Data(contentsOf: goldenURL))).arrayValue)
        // Everything but the fields the project fills from the store (5.3's table) is the original's.
        let fromStore: Set<String> = [
            "backend_config", "download_path", "download_size_bytes", "download_files", "metadata",
        ]
        for expected in golden {
            let name = try #require(expected["name"]?.stringValue)
            let entry = try #require(registry.entry(named: name), "\(name)")
            let actual = try #require(entry.jsonValue.objectValue)
            let want = try #require(expected.objectValue)
            #expect(actual.keys == want.keys)
            for key in want.keys where !fromStore.contains(key) { #expect(actual[key] == want[key], "\(name).\(key)") }
            #expect(entry.metadata.keys == want["metadata"]?.objectValue?.keys)
            #expect(entry.metadata["created_from_download"] == .bool(true))
            let blob = try #require(store.scan().models.first { $0.displayName == entry.servedModelID }?.modelBlob)
            #expect(entry.downloadPath == .string(blob) && entry.backendConfig.modelPath == blob)
            #expect(entry.downloadFiles.first == .string(blob))
        }
        let qwen = try #require(registry.entry(named: "qwen2.5vl-7b-ollama-gguf-q4_k_m"))
        let qwenGolden = try #require(golden.first { $0["name"]?.stringValue == qwen.name })
        #expect(qwen.metadata["ollama_parameters"] == qwenGolden["metadata"]?["ollama_parameters"])
        #expect(qwen.metadata["ollama_capabilities"] == qwenGolden["metadata"]?["ollama_capabilities"])
        #expect(qwen.downloadFiles.count == 3)
    }

    @Test func updatesFollowTheOriginalFieldByField() throws {
        let store = try GoldenStore()
        let dir = try TemporaryDirectory()
        try dir.writeText(
            "r.json",
            """
            [{"name": "testmodel-ollama-gguf-q4_k", "backend": "ollama", "display_name": "My own title",
              "capabilities": {"text": false, "custom": true}, "metadata": {"ollama_parameters": null, "note": "mine"},
              "quantization": "Q4_K", "download_size_bytes": 1, "roles": ["chat"], "family": "hand-set", "deprecated": true}]
            """)
        var registry = try Registry.load(.singleFile(path: dir.file("r.json")))
        let result = try RegistryImporter(scan: try store.scan(), options: importOptions()).run(on: &registry)
        let outcome = try #require(result.outcomes.first { $0.model == "testmodel:Q4_K" })
        guard case .updated(let fields) = outcome.action else {
            Issue.record("expected updated, got \(outcome.action)")
            return
        }
        #expect(
            fields == [
                "display_name", "metadata", "served_model_id", "quantization", "download_format",
                "download_location", "download_path", "download_size_bytes", "download_files",
            ])
        let entry = try #require(registry.entry(named: "testmodel-ollama-gguf-q4_k"))
        #expect(entry.displayName == "testmodel-q4_k" && entry.quantization == .string("q4_k"))
        // Capabilities, roles, family and deprecation are the user's; null metadata values are never overwritten.
        #expect(
            entry.capabilities.keys == ["text", "custom"] && entry.roles == ["chat"]
                && entry.family == .string("hand-set"))
        #expect(
            entry.deprecated && entry.metadata["ollama_parameters"] == .null
                && entry.metadata["note"] == .string("mine"))
        #expect(entry.metadata["ollama_architecture"] == .string("qwen25vl"))
        #expect(entry.metadata.keys.first == "ollama_parameters" && entry.metadata["created_from_download"] == nil)
        #expect(entry.downloadedAt == .null && entry.downloadDirectoryChecksum == .null)
        // The updated entry keeps its slot; new ones follow.
        #expect(registry.entries.first?.name == "testmodel-ollama-gguf-q4_k")
    }

    @Test func legacyQuantlessEntryIsRenamedToExactlyOne() throws {
        let store = try GoldenStore()
        let dir = try TemporaryDirectory()
        let reference = SharedReference.imageWorksRegistry.appendingPathComponent(
            "commit-14c5db2_configs-model_registry_qwen2.5vl-7b-ollama-gguf.json")
        if FileManager.default.fileExists(atPath: reference.path) {
            try FileManager.default.copyItem(atPath: reference.path, toPath: dir.file("r.json"))
        } else {
            try dir.writeText(
                "r.json",
                """
                [{"name": "qwen2.5vl-7b-ollama-gguf", "backend": "ollama", "display_name": "qwen2.5vl-7b-Q4_K_M", "quantization": "q4_k_m"}]
                """)
        }
        var registry = try Registry.load(.singleFile(path: dir.file("r.json")))
        registry.put(RegistryEntry(name: "other", backend: "vllm"))
        let result = try RegistryImporter(scan: try store.scan(), options: importOptions()).run(on: &registry)
        let outcome = try #require(result.outcomes.first { $0.model == "qwen2.5vl:7b" })
        guard case .renamed(let from, _) = outcome.action else {
            Issue.record("expected renamed, got \(outcome.action)")
            return
        }
        #expect(from == "qwen2.5vl-7b-ollama-gguf")
        #expect(!registry.contains("qwen2.5vl-7b-ollama-gguf"))
        #expect(
            registry.entries.filter { $0.name.hasPrefix("qwen2.5vl-7b") }.map(\.name) == [
                "qwen2.5vl-7b-ollama-gguf-q4_k_m"
            ])
        let renamed = try #require(registry.entry(named: "qwen2.5vl-7b-ollama-gguf-q4_k_m"))
        #expect(renamed.displayName == "qwen2.5vl-7b-q4_k_m" && renamed.servedModelID == "qwen2.5vl:7b")
        // A renamed entry moves to the end of the order (after the entries created before it).
        #expect(
            registry.entries.map(\.name).firstIndex(of: "other")! < registry.entries.map(\.name).firstIndex(
                of: renamed.name)!)
    }

    @Test func secondImportChangesNoByte() throws {
        let store = try GoldenStore()
        let dir = try TemporaryDirectory()
        for attempt in 0..<2 {
            var registry = try Registry.load(.layered(directory: dir.path), allowingMissing: true)
            var options = importOptions()
            options.now = Date(timeIntervalSince1970: 1_735_689_600 + Double(attempt) * 3600)
            let result = try RegistryImporter(scan: try store.scan(), options: options).run(on: &registry)
            let written = try registry.save()
            if attempt == 1 {
                #expect(result.outcomes.allSatisfy { $0.action == .unchanged })
                #expect(written.isEmpty)
            }
        }
    }

    @Test func skippedModelsAreListedWithTheirReason() throws {
        let dir = try TemporaryDirectory()
        try DemoStore.write(to: dir.url)
        var registry = try Registry.load(.singleFile(path: dir.file("r.json")), allowingMissing: true)
        let scan = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        let result = try RegistryImporter(scan: scan, options: importOptions()).run(on: &registry)
        let skipped = result.outcomes.compactMap { o -> String? in
            if case .skipped(let reason) = o.action { return "\(o.model): \(reason)" }
            return nil
        }
        #expect(skipped.count == 3)
        #expect(skipped.contains { $0.hasPrefix("gemma-cloud:31b-cloud: cloud model") })
        #expect(skipped.contains { $0.hasPrefix("tinymlx:nvfp4: safetensors model") })
        #expect(skipped.contains { $0.hasPrefix("ghost:7b: its model blob") && $0.hasSuffix("is missing") })
        #expect(result.importedCount == 8 && registry.entries.count == 8)
        // Quant from the header where the tag has none; the MXFP4 header name lower-cased.
        #expect(
            registry.contains("gpt-mini-20b-ollama-gguf-mxfp4") && registry.contains("smollm2-135m-ollama-gguf-q4_k_m"))
        let embed = try #require(registry.entry(named: "alice-embed-mini-q8-0-ollama-gguf-q8_0"))
        #expect(
            embed.capabilities
                == JSONObject([
                    ("text", .bool(false)), ("vision", .bool(false)), ("embedding", .bool(true)),
                    ("audio", .bool(false)),
                ]))
        #expect(embed.metadata["ollama_license"]?.stringValue?.hasPrefix("Apache License 2.0") == true)
        let record = try #require(scan.models.first { $0.displayName == "alice/embed-mini:Q8_0" })
        #expect(embed.downloadSizeBytes == .integer(record.size) && record.size == 5397)
    }

    @Test func hashingFillsArtifactsAndWithholdsThemFromABadBlob() throws {
        let store = try GoldenStore()
        let scan = try store.scan()
        let qwen = try #require(scan.models.first { $0.displayName == "qwen2.5vl:7b" })
        let template = try #require(qwen.layers.last?.path)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: template)))
        bytes[0] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: template))
        var registry = try Registry.load(.singleFile(path: store.path + "/r.json"), allowingMissing: true)
        let result = try RegistryImporter(scan: try store.scan(), options: importOptions(hash: true)).run(on: &registry)
        #expect(result.hashFailed)
        let bad = try #require(result.outcomes.first { $0.model == "qwen2.5vl:7b" })
        #expect(bad.hashFailures == ["\(template): mismatch"])
        #expect(registry.entry(named: "qwen2.5vl-7b-ollama-gguf-q4_k_m")?.artifacts == RegistryEntry.Artifacts())
        let good = try #require(registry.entry(named: "testmodel-ollama-gguf-q4_k"))
        let paths = good.downloadFiles.compactMap(\.stringValue).sorted()
        #expect(good.artifacts.files.map { $0.path.stringValue! } == paths)
        for file in good.artifacts.files {
            let digest = try SHA256Hasher.digest(
                of: Array(try Data(contentsOf: URL(fileURLWithPath: file.path.stringValue!))))
            #expect(file.sha256 == .string(digest.hex))
        }
        let lines = good.artifacts.files.map { "\($0.sha256.stringValue!)  \($0.path.stringValue!)" }.sorted().joined(
            separator: "\n")
        #expect(good.artifacts.aggregateSHA256 == (try SHA256Hasher.digest(of: Array(lines.utf8))).hex)
    }

    @Test func downloadFilesListOnlyLayersOnDisk() throws {
        let store = try GoldenStore()
        let testmodel = try #require(try store.scan().models.first { $0.displayName == "testmodel:Q4_K" })
        let template = try #require(testmodel.layers.last?.path)
        try FileManager.default.removeItem(atPath: template)
        var registry = try Registry.load(.singleFile(path: store.path + "/r.json"), allowingMissing: true)
        _ = try RegistryImporter(scan: try store.scan(), options: importOptions()).run(on: &registry)
        let entry = try #require(registry.entry(named: "testmodel-ollama-gguf-q4_k"))
        #expect(entry.downloadFiles == [.string(try #require(testmodel.modelBlob))])
    }

    @Test func purgeAndPlaceholders() throws {
        let store = try GoldenStore()
        let dir = try TemporaryDirectory()
        try dir.writeText(
            "r.json",
            """
            [{"name": "model-ollama-gguf-q6_k", "backend": "ollama", "served_model_id": "None"},
             {"name": "gone-ollama-gguf", "backend": "ollama", "source_provider": "ollama"},
             {"name": "kept", "backend": "vllm", "source_provider": "ollama"}]
            """)
        var registry = try Registry.load(.singleFile(path: dir.file("r.json")))
        var options = importOptions()
        options.purgeExisting = true
        options.deprecatePlaceholders = true
        let result = try RegistryImporter(scan: try store.scan(), options: options).run(on: &registry)
        #expect(result.purged == ["gone-ollama-gguf"] && result.deprecated == ["model-ollama-gguf-q6_k"])
        #expect(registry.entry(named: "model-ollama-gguf-q6_k")?.deprecated == true && registry.contains("kept"))
    }

    @Test func timestampsAsPythonWritesThem() {
        #expect(PythonTimestamp.isoformat(Date(timeIntervalSince1970: 1_735_689_600)) == "2025-01-01T00:00:00+00:00")
        #expect(
            PythonTimestamp.isoformat(Date(timeIntervalSince1970: 1_759_446_523.888701))
                == "2025-10-02T23:08:43.888701+00:00")
        #expect(
            PythonTimestamp.now(environment: ["SOURCE_DATE_EPOCH": "1735689600"])
                == Date(timeIntervalSince1970: 1_735_689_600))
    }
}

/// Import decides by the kind of a problem, never by its text: a GGUF cut short after its header is still a
/// readable GGUF (imported, with the problem shown), whether or not the scan kept the headers; one that is not
/// GGUF at all is skipped with the reader's error.
@Suite struct ImportProblemKindTests {
    @Test(arguments: [true, false])
    func aTruncatedGGUFIsImportedAndAGarbageOneSkipped(keepingHeaders: Bool) throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        func add(_ name: String, _ bytes: [UInt8]) throws {
            let model = try store.addBlob(bytes, mediaType: DemoStore.media("model"))
            let config = try store.addBlob(
                DemoStore.config(family: "llama", type: "1B", fileType: "Q4_0", layers: [model]),
                mediaType: StoreBuilder.dockerConfig)
            try store.addManifest("registry.ollama.ai/library/\(name)/latest", config: config, layers: [model])
        }
        let whole = DemoStore.model(
            arch: "llama", name: "cut", fileType: 2, quantType: 2, rows: 64, contextLength: 2048)
        try add("cut", Array(whole.prefix(whole.count - 100)))
        try add("garbage", Array("not a gguf file at all, just text".utf8))
        let scan = try StoreScanner(root: StoreRoot(path: directory.path), keepsHeaders: keepingHeaders).scan()
        let cut = try #require(scan.models.first { $0.name.model == "cut" })
        #expect(cut.problems.contains { if case .modelGGUF = $0 { true } else { false } })
        #expect(!cut.problems.contains { if case .unreadableModelGGUF = $0 { true } else { false } })

        var registry = try Registry.load(.singleFile(path: directory.path + "/r.json"), allowingMissing: true)
        let result = try RegistryImporter(scan: scan, options: importOptions()).run(on: &registry)
        let actions = Dictionary(uniqueKeysWithValues: result.outcomes.map { ($0.model, $0.action) })
        #expect(actions["cut:latest"] == .created)
        guard case .skipped(let reason) = actions["garbage:latest"] else {
            Issue.record("garbage:latest was not skipped: \(String(describing: actions["garbage:latest"]))")
            return
        }
        #expect(reason.hasPrefix("its model blob is not readable GGUF ("))
    }
}
