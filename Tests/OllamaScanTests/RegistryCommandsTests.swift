import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// A copy of the demo registry, with a few more entries for the list filters.
struct DemoRegistry {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init(extraDiscovered: String? = nil) throws {
        directory = try TemporaryDirectory.copy(of: ImportCLITests.configs)
        if let extraDiscovered {
            let file = path + "/model_registry.discovered.json"
            var entries = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file)))).arrayValue ?? []
            entries += try JSONReader.parse(extraDiscovered).arrayValue ?? []
            try Data((JSONWriter.pythonIndented(.array(entries)) + "\n").utf8).write(to: URL(fileURLWithPath: file))
        }
    }

    func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        try runCLI(["registry"] + arguments + ["--registry-dir", path])
    }

    func files() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        }
        return files
    }

    func json(_ arguments: [String]) throws -> JSONValue { try JSONReader.parse(try run(arguments + ["--json"]).out) }
}

@Suite struct RegistryListTests {
    static let extra = """
        [{"name": "gguf-local", "backend": "gguf", "download_format": "gguf", "download_location": "windows_lmstudio",
          "download_path": "/nonexistent/model.gguf", "download_size_bytes": 1073741824, "quantization": "q8_0"},
         {"name": "logical-vllm", "backend": "vllm"}]
        """

    static func names(_ rows: JSONValue) -> [String] { rows.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }

    @Test func filtersAndTheirCombinations() throws {
        let registry = try DemoRegistry(extraDiscovered: Self.extra)
        let store = ["--store", Repo.fixtureStore]
        #expect(Self.names(try registry.json(["list"] + store)) == ["gguf-local", "llava-mini-latest-ollama-gguf"])
        #expect(
            Self.names(try registry.json(["list"] + store + ["--show-deprecated"])) == [
                "gguf-local", "llava-mini-latest-ollama-gguf", "model-ollama-gguf-q6_k",
            ])
        #expect(
            Self.names(try registry.json(["list"] + store + ["--include-logical"])) == [
                "gguf-local", "llava-1.5-7b-awq-vllm", "llava-mini-latest-ollama-gguf", "logical-vllm",
                "smollm2-135m-ollama-gguf-q4_k_m",
            ])
        #expect(
            Self.names(try registry.json(["list"] + store + ["--include-logical", "--backend", "vllm"])) == [
                "llava-1.5-7b-awq-vllm", "logical-vllm",
            ])
        #expect(
            Self.names(try registry.json(["list"] + store + ["--backend", "ollama", "--show-deprecated"])) == [
                "llava-mini-latest-ollama-gguf", "model-ollama-gguf-q6_k",
            ])
        // Entries without a format or location pass those filters.
        #expect(
            Self.names(try registry.json(["list"] + store + ["--format", "gguf", "--include-logical"])).contains(
                "logical-vllm"))
        #expect(
            Self.names(try registry.json(["list"] + store + ["--location", "linux_wsl"])) == [
                "llava-mini-latest-ollama-gguf"
            ])
        #expect(
            Self.names(try registry.json(["list"] + store + ["--location", "windows_lmstudio", "--format", "gguf"]))
                == ["gguf-local"])
        #expect(Self.names(try registry.json(["list"] + store + ["--format", "awq"])) == [])
    }

    @Test func jsonRowsAndRealInstalledState() throws {
        let registry = try DemoRegistry(extraDiscovered: Self.extra)
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let rows = try #require(try registry.json(["list", "--store", store.path]).arrayValue)
        #expect(
            rows.first?.objectValue?.keys == [
                "name", "display_name", "backend", "format", "quantization", "location", "installed", "size_bytes",
                "roles",
                "family", "logical_only", "served_model_id", "deprecated",
            ])
        let llava = try #require(rows.first { $0["name"]?.stringValue == "llava-mini-latest-ollama-gguf" })
        // A synthetic ollama:/ path, but the model is in the store: installed.
        #expect(llava["installed"] == .bool(true) && llava["served_model_id"]?.stringValue == "llava-mini:latest")
        #expect(rows.first { $0["name"]?.stringValue == "gguf-local" }?["installed"] == .bool(false))
        // Delete the model's blob: no longer installed.
        let show = try JSONReader.parse(try runCLI(["show", "llava-mini:latest", "--json", "--store", store.path]).out)
        try FileManager.default.removeItem(atPath: try #require(show["model_blob"]?.stringValue))
        let after = try #require(try registry.json(["list", "--store", store.path]).arrayValue)
        #expect(
            after.first { $0["name"]?.stringValue == "llava-mini-latest-ollama-gguf" }?["installed"] == .bool(false))
    }

    @Test func tableAndDetails() throws {
        let registry = try DemoRegistry(extraDiscovered: Self.extra)
        let plain = try registry.run(["list", "--store", Repo.fixtureStore])
        #expect(plain.code == 0)
        let lines = plain.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Unified Downloaded Variants")
        #expect(lines[1].hasPrefix("Model ") && lines[1].hasSuffix("Size") && !lines[1].contains("ServedID"))
        #expect(
            lines.contains {
                $0.hasPrefix("gguf-local ") && $0.contains("GGUF") && $0.contains("q8_0") && $0.contains("✗")
                    && $0.hasSuffix("1.0 GB")
            })
        #expect(lines.contains("Total: 2 variants, 1.0 GB"))  // no emoji: stdout is not a terminal
        let detailed = try registry.run(["list", "--details", "--include-logical", "--store", Repo.fixtureStore])
        #expect(detailed.out.split(separator: "\n")[1].hasSuffix("ServedID             Roles"))
        #expect(detailed.out.contains("smollm2:135m") && detailed.out.contains("caption,description"))
        let none = try registry.run(["list", "--backend", "nothing"])
        #expect(none.code == 0 && none.out == "No models found matching criteria\n")
    }
}

@Suite struct PurgeDeprecatedTests {
    @Test func dryRunThenPurgeKeepsCuratedAndReloads() throws {
        let registry = try DemoRegistry(
            extraDiscovered: """
                [{"name": "old-vllm", "backend": "vllm", "deprecated": true}]
                """)
        let before = try registry.files()
        let dry = try registry.run(["purge-deprecated", "--dry-run"])
        #expect(
            dry.out
                == "Will purge 2 deprecated entries:\n  • model-ollama-gguf-q6_k\n  • old-vllm\nDry run: not modifying registry\n"
        )
        #expect(try registry.files() == before)
        let placeholders = try registry.run(["purge-deprecated", "--placeholders-only"])
        #expect(placeholders.out == "Will purge 1 deprecated entry:\n  • model-ollama-gguf-q6_k\nPurged 1 entries\n")
        #expect(try registry.files()["model_registry.curated.json"] == before["model_registry.curated.json"])
        let listed = RegistryListTests.names(try registry.json(["list", "--show-deprecated", "--include-logical"]))
        #expect(!listed.contains("model-ollama-gguf-q6_k") && listed.contains("old-vllm"))
        let none = try registry.run(["purge-deprecated", "--placeholders-only"])
        #expect(none.out == "No matching deprecated entries to purge\n")
    }
}

@Suite struct BackfillTests {
    static let extra = """
        [{"name": "ghost-model-ollama-gguf", "backend": "ollama", "served_model_id": "notpulled:1b"}]
        """

    @Test func dryRunThenApplyPersistsInTheDiscoveredLayer() throws {
        let registry = try DemoRegistry(extraDiscovered: Self.extra)
        let before = try registry.files()
        let dry = try registry.run(["backfill-ollama-paths", "--dry-run", "--store", Repo.fixtureStore])
        #expect(dry.code == 0)
        #expect(
            dry.out
                == "Would backfill 2 Ollama logical entries:\n  smollm2-135m-ollama-gguf-q4_k_m, ghost-model-ollama-gguf\n"
                + "not in the store, given a synthetic ollama:// path: ghost-model-ollama-gguf\nDry run: not saving registry\n"
        )
        #expect(try registry.files() == before)

        let applied = try registry.run(["backfill-ollama-paths", "-v", "--store", Repo.fixtureStore])
        #expect(applied.out.hasPrefix("Backfilled 2 Ollama entries\n"))
        #expect(applied.out.contains("  • ghost-model-ollama-gguf path=ollama://notpulled:1b"))
        // The curated file is untouched; the curated entry's overlay is in the discovered layer.
        #expect(try registry.files()["model_registry.curated.json"] == before["model_registry.curated.json"])
        let discovered = try JSONReader.parse(Array(try registry.files()["model_registry.discovered.json"]!))
        let smol = try #require(
            discovered.arrayValue?.first { $0["name"]?.stringValue == "smollm2-135m-ollama-gguf-q4_k_m" })
        let show = try JSONReader.parse(
            try runCLI(["show", "smollm2:135m", "--json", "--store", Repo.fixtureStore]).out)
        #expect(smol["download_path"] == show["model_blob"] && smol["download_size_bytes"] == show["size"])
        #expect(smol["download_format"]?.stringValue == "gguf" && smol["download_location"]?.stringValue == "linux_wsl")
        #expect(smol["display_name"]?.stringValue == "SmolLM2 135M (chat)")
        // A reload (a plain list) still has it.
        let rows = try #require(try registry.json(["list", "--store", Repo.fixtureStore]).arrayValue)
        let row = try #require(rows.first { $0["name"]?.stringValue == "smollm2-135m-ollama-gguf-q4_k_m" })
        #expect(row["installed"] == .bool(true) && row["size_bytes"] == show["size"])
        #expect(
            try registry.run(["backfill-ollama-paths", "--store", Repo.fixtureStore]).out
                == "No Ollama entries required backfill\n")
    }
}

@Suite struct NormalizeFormatsTests {
    @Test func detectsFromTheHeaderAndRebuildsAsAnImportWould() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let show = try JSONReader.parse(try runCLI(["show", "gpt-mini:20b", "--json", "--store", store.path]).out)
        let blob = try #require(show["model_blob"]?.stringValue)
        let gguf = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: blob, toPath: gguf.path + "/weights.gguf")
        let registry = try DemoRegistry(
            extraDiscovered: """
                [{"name": "blob-entry", "backend": "ollama", "download_path": "\(blob)", "download_size_bytes": 5, "download_files": ["x"]},
                 {"name": "dir-entry", "backend": "gguf", "download_path": "\(gguf.path)", "download_format": "safetensors", "download_size_bytes": 99}]
                """)
        let before = try registry.files()
        let preview = try registry.run(["normalize-formats", "--rebuild"])
        #expect(preview.code == 0 && preview.out.contains("Dry run (no changes written). Use --apply to persist."))
        #expect(preview.out.contains("download_format:None→gguf") && preview.out.contains("quantization:None→mxfp4"))
        #expect(preview.out.contains("download_format:safetensors→gguf"))
        #expect(try registry.files() == before)

        let applied = try registry.run(["normalize-formats", "--rebuild", "--apply"])
        #expect(applied.out.hasSuffix("Applied 2 changes to registry\n"))
        let rows = try JSONReader.parse(Array(try registry.files()["model_registry.json"]!)).arrayValue ?? []
        let blobEntry = try #require(rows.first { $0["name"]?.stringValue == "blob-entry" })
        // The values an import gives the same model.
        let imported = try TemporaryDirectory()
        _ = try runCLI(["import", "--store", store.path, "--registry", imported.path + "/r.json"])
        let importedRows =
            try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: imported.path + "/r.json"))))
            .arrayValue ?? []
        let gpt = try #require(importedRows.first { $0["served_model_id"]?.stringValue == "gpt-mini:20b" })
        for key in ["download_size_bytes", "download_files", "download_format", "quantization"] {
            #expect(blobEntry[key] == gpt[key], "\(key)")
        }
        let dirEntry = try #require(rows.first { $0["name"]?.stringValue == "dir-entry" })
        let size = try #require(
            try FileManager.default.attributesOfItem(atPath: gguf.path + "/weights.gguf")[.size] as? Int)
        #expect(
            dirEntry["download_size_bytes"] == .integer(Int64(size))
                && dirEntry["download_files"] == .array([.string("weights.gguf")]))
        #expect(dirEntry["download_directory_checksum"]?.stringValue?.count == 16)
    }

    @Test func neverASizeOfZeroOverARealOne() throws {
        let empty = try TemporaryDirectory()
        let registry = try DemoRegistry(
            extraDiscovered: """
                [{"name": "empty-dir", "backend": "vllm", "download_path": "\(empty.path)", "download_size_bytes": 4096, "download_files": ["a.bin"]}]
                """)
        let r = try registry.run(["normalize-formats", "--rebuild", "--apply", "--json"])
        let change = try JSONReader.parse(r.out)["changes"]?.arrayValue?.first {
            $0["name"]?.stringValue == "empty-dir"
        }
        let keys = change?["fields"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
        #expect(!keys.contains("download_size_bytes") && !keys.contains("download_files"))
        let rows = try JSONReader.parse(Array(try registry.files()["model_registry.json"]!)).arrayValue ?? []
        #expect(rows.first { $0["name"]?.stringValue == "empty-dir" }?["download_size_bytes"] == .integer(4096))
    }
}
