import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// The built `ollama-scan` binary.
let cliBinary = BuiltProducts.executable(named: "ollama-scan")

/// Runs the built `ollama-scan` binary and returns its exit code, stdout and stderr.
/// - Parameter directory: the working directory (by default the test runner's).
func runCLI(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> (
    code: Int32, out: String, err: String
) {
    var env = ProcessInfo.processInfo.environment
    // What the tests' machine happens to set must not change the output: a store, a registry, a width.
    for key in ["OLLAMA_MODELS", "IMAGEWORKS_REGISTRY_DIR", "COLUMNS"] { env.removeValue(forKey: key) }
    for (k, v) in environment { env[k] = v }
    return try runCapturing(
        cliBinary, arguments, environment: env, directory: directory.map(URL.init(fileURLWithPath:)))
}

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtureStore = root.appendingPathComponent("Fixtures/store").path
}

@Suite struct CLITests {
    @Test func modelsTable() throws {
        let r = try runCLI(["models", "--store", Repo.fixtureStore, "--sort", "name"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.first?.contains("ID") == true && lines.first?.contains("STATUS") == true)
        #expect(lines.count == 12)
        #expect(lines[1].hasPrefix("alice/embed-mini:Q8_0"))
        #expect(
            lines.contains {
                $0.hasPrefix("gemma-cloud:31b-cloud") && $0.contains("c382fbfbc73b") && $0.contains("    -    ")
            })
        #expect(lines.contains { $0.hasPrefix("ghost:7b") && $0.hasSuffix("missing_blobs") })
        #expect(r.err.isEmpty)
    }

    @Test func modelsJSONAndPrefixFilter() throws {
        let r = try runCLI(["models", "SMOL", "--store", Repo.fixtureStore, "--json"])
        #expect(r.code == 0)
        let json = try JSONReader.parse(r.out)
        #expect(json.objectValue?.keys == ["store", "models", "warnings"])
        let names = json["models"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(names) == ["smollm2:135m", "smollm2:latest", "smollm2-coder:ctx1k"])
        let first = try #require(json["models"]?.arrayValue?.first?.objectValue)
        #expect(
            Array(first.keys.prefix(26)) == [
                "name", "host", "namespace", "model", "tag", "id", "digest", "size", "unique_size", "modified_at",
                "format",
                "family", "families", "quantization", "quantization_source", "config_quantization", "parameter_size",
                "parameter_count", "context_length", "embedding_length", "capabilities", "model_blob",
                "projector_blobs",
                "adapter_blobs", "status", "problems",
            ])
    }

    @Test func sortOrders() throws {
        let bySize = try runCLI(["models", "--store", Repo.fixtureStore, "--sort", "size", "--json"])
        let sizes = try JSONReader.parse(bySize.out)["models"]?.arrayValue?.compactMap { $0["size"]?.int64Value } ?? []
        #expect(sizes == sizes.sorted(by: >) && sizes.count == 11)
    }

    @Test func showFindsModelsAsOllamaDoes() throws {
        let r = try runCLI(["show", "SmolLM2-Coder:CTX1K", "--store", Repo.fixtureStore])
        #expect(r.code == 0)
        #expect(r.out.contains("smollm2-coder:ctx1k") && r.out.contains("parent model") && r.out.contains("Metadata"))
        #expect(r.out.contains("tokenizer.ggml.tokens") && r.out.contains("…] (32 STRING)"))
        let verbose = try runCLI(["show", "smollm2:135m", "--store", Repo.fixtureStore, "--verbose"])
        #expect(
            verbose.out.contains("Tensors") && verbose.out.contains("token_embd.weight")
                && !verbose.out.contains("…] (32 STRING)"))
        let json = try runCLI(["show", "llava-mini", "--store", Repo.fixtureStore, "--json"])
        let value = try JSONReader.parse(json.out)
        #expect(value["name"]?.stringValue == "llava-mini:latest")
        #expect(value["gguf"]?["architecture"]?.stringValue == "llama")
    }

    @Test func unknownModelExitsOneWithCloseMatches() throws {
        let r = try runCLI(["show", "smollm2:7b", "--store", Repo.fixtureStore])
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("ollama-scan: model smollm2:7b not found") && r.err.contains("smollm2:135m"))
        #expect(r.out.isEmpty)
    }

    @Test func unusableStoreAndUsageErrorsExitTwo() throws {
        let missing = try runCLI(["models", "--store", "/nonexistent/store"])
        #expect(
            missing.code == 2 && missing.err == "ollama-scan: /nonexistent/store: Ollama model store does not exist\n")
        let env = try runCLI(["models"], environment: ["OLLAMA_MODELS": "'/nonexistent/env'"])
        #expect(env.code == 2 && env.err.contains("/nonexistent/env: Ollama model store does not exist"))
        let usage = try runCLI(["models", "--bogus"])
        #expect(usage.code == 2 && usage.err.contains("Unknown option"))
        let envStore = try runCLI(["models", "--json"], environment: ["OLLAMA_MODELS": " \(Repo.fixtureStore) "])
        #expect(envStore.code == 0 && envStore.out.contains("\"store\": \"\(Repo.fixtureStore)\""))
    }

    @Test func helpExplainsEveryCommand() throws {
        for command in [
            "models", "show", "gguf", "verify", "import", "du", "orphans", "prune", "export", "registry",
            "registry list", "registry purge-deprecated", "registry backfill-ollama-paths",
            "registry normalize-formats",
        ] {
            let r = try runCLI(command.split(separator: " ").map(String.init) + ["--help"])
            #expect(r.code == 0 && r.out.contains("EXAMPLES:") && r.out.contains("EXIT CODES:"), "\(command)")
        }
    }

    @Test func ggufReport() throws {
        let blobs = try FileManager.default.contentsOfDirectory(atPath: Repo.fixtureStore + "/blobs")
        let scan = try JSONReader.parse(
            try runCLI(["show", "gpt-mini:20b", "--store", Repo.fixtureStore, "--json"]).out)
        let path = try #require(scan["model_blob"]?.stringValue)
        let r = try runCLI(["gguf", path, "--json"])
        #expect(r.code == 0)
        let report = try JSONReader.parse(r.out)
        #expect(report["architecture"]?.stringValue == "gptoss" && report["file_type_name"]?.stringValue == "MXFP4")
        #expect(report["tensor_types"]?["MXFP4"]?.int64Value == 3)
        let text = try runCLI(["gguf", path])
        #expect(text.out.contains("file type") && text.out.contains("MXFP4 (4)"))
        let notGGUF = try runCLI(["gguf", Repo.fixtureStore + "/blobs/" + blobs.first { $0.hasSuffix("-partial-0") }!])
        #expect(notGGUF.code == 1 && notGGUF.err.contains("not a GGUF file"))
        let missing = try runCLI(["gguf", "/nonexistent.gguf"])
        #expect(missing.code == 2 && missing.err.contains("cannot open"))
    }
}

@Suite struct FixtureTests {
    /// Fixtures/store is what `swift run make-fixtures Fixtures/store` writes, byte for byte.
    @Test func committedFixtureMatchesAFreshGeneration() throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        try DemoStore.write(to: fresh)
        func files(_ root: URL) throws -> [String: Data] {
            var result: [String: Data] = [:]
            let base = root.standardizedFileURL.path
            for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
                }
            }
            return result
        }
        let committed = try files(URL(fileURLWithPath: Repo.fixtureStore))
        let generated = try files(fresh)
        #expect(committed.keys.sorted() == generated.keys.sorted())
        for (path, data) in generated { #expect(committed[path] == data, "\(path) differs") }
        #expect(committed.values.reduce(0) { $0 + $1.count } < 2_000_000)
    }
}
