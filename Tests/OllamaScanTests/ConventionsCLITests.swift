import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// The conventions every command shares: exit codes, listing controls, widths, warnings, help.
@Suite struct ConventionsCLITests {
    static let store = Repo.fixtureStore
    static let configs = Repo.root.appendingPathComponent("configs").path

    /// `command|expected exit code`: 0 success, 1 a bad answer (unknown model, integrity failure), 2 usage
    /// or unusable input.
    static let exitCodes: [String] = [
        "models|0", "models --filter size>>1|2", "models --store /nonexistent|2", "list --limit 1|0",
        "show smollm2|0", "show nosuch:model|1", "show smollm2 --store /nonexistent|2",
        "gguf /nonexistent.gguf|2", "verify smollm2:135m|0", "verify|1", "verify nosuch:model|1",
        "verify smollm2 nosuch|1", "verify --sample 0/3|2", "du|0", "du nosuch:model|1", "du --sort weight|2",
        "orphans|0", "orphans --filter kind>x|2", "prune|0", "prune --grace soon|2", "export nosuch:model /tmp/x|1",
        "export gemma-cloud:31b-cloud /tmp/x|2", "registry list --registry-dir CONFIGS|0",
        "registry list --registry-dir /nonexistent|2", "registry list --registry-dir CONFIGS --filter role|2",
        "import --registry-dir CONFIGS --dry-run|0", "registry purge-deprecated --registry-dir CONFIGS --dry-run|0",
        "registry backfill-ollama-paths --registry-dir CONFIGS --dry-run|0",
        "registry normalize-formats --registry-dir CONFIGS|0",
        "registry normalize-formats --registry-dir /nonexistent|2",
        "registry roles list --registry-dir CONFIGS|0",
        "registry roles assign caption llava-mini* --registry-dir CONFIGS --dry-run|0",
        "registry roles assign caption model-ollama-gguf-q6_k --registry-dir CONFIGS|1",
        "registry roles assign caption nosuch --registry-dir CONFIGS|1", "registry roles assign caption|2",
        "sbom smollm2:135m|0", "sbom nosuch:model|1", "sbom --verify|1", "sbom -o /nonexistent/bom.json|2",
        "du --metrics /nonexistent/du.prom|2", "verify smollm2:135m --metrics /nonexistent/v.prom|2",
        "gguf README|1", "modls|2", "--version|0",
    ]

    @Test(arguments: exitCodes) func everyCommandExitsAsTheTableSays(_ row: String) throws {
        let parts = row.split(separator: "|")
        let registry = try TemporaryDirectory.copy(of: Self.configs)  // never the repository's own files
        var arguments = parts[0].split(separator: " ").map { word in
            switch word {
            case "CONFIGS": return registry.path
            case "README": return Repo.root.appendingPathComponent("README.md").path  // a file that is not GGUF
            default: return String(word)
            }
        }
        let storeless = ["modls", "--version", "gguf", "registry"]
        if !arguments.contains("--store") && !storeless.contains(arguments[0]) {
            arguments += ["--store", Self.store]
        }
        let r = try runCLI(arguments)
        #expect(r.code == Int32(parts[1])!, "\(row): \(r.err)")
        if r.code != 0 && r.out.isEmpty {
            // One line, naming what is wrong (argument-parser's own usage errors add a usage line).
            #expect(r.err.hasPrefix("ollama-scan: ") || r.err.hasPrefix("Error: "), "\(row): \(r.err)")
        }
    }

    @Test func unknownModelsAreNamedTogetherAndNothingRuns() throws {
        let r = try runCLI(["verify", "smollm2:135m", "smollm3", "ghost:8b", "--store", Self.store])
        #expect(r.code == 1 && r.out.isEmpty)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("models smollm3 and ghost:8b not found") && r.err.contains("for smollm3: smollm2"))
    }

    @Test func filtersSortsAndLimitsOnEveryListing() throws {
        func names(_ arguments: [String]) throws -> [String] {
            let r = try runCLI(arguments + ["--names", "--store", Self.store])
            #expect(r.code == 0, "\(arguments): \(r.err)")
            return r.out.split(separator: "\n").map(String.init)
        }
        #expect(
            try names(["models", "--filter", "status!=ok", "--sort", "name"]) == [
                "gemma-cloud:31b-cloud", "ghost:7b", "tinymlx:nvfp4",
            ])
        #expect(
            try names(["models", "--filter", "capability=vision", "--sort", "name"]) == [
                "gemma-cloud:31b-cloud", "llava-mini:latest", "tinymlx:nvfp4",
            ])
        #expect(
            try names(["models", "--filter", "capability=vision", "--filter", "status=ok"]) == ["llava-mini:latest"])
        #expect(
            try names(["models", "--filter", "quant=q4_k_m", "--filter", "size>=10KB", "--sort", "name:desc"]) == [
                "smollm2:latest", "smollm2:135m", "smollm2-coder:ctx1k",
            ])
        #expect(
            try names(["models", "--filter", "family=llama", "--sort", "size", "--limit", "1"]) == ["oldcoder:7b-q6_K"])
        #expect(
            try names(["models", "smollm2", "--sort", "name"]) == [
                "smollm2-coder:ctx1k", "smollm2:135m", "smollm2:latest",
            ])
        #expect(try names(["models", "--filter", "modified>3650d"]) == [])
        #expect(try names(["models", "--filter", "modified<3650d"]).count == 11)
        #expect(try names(["du", "--sort", "exclusive:asc", "--limit", "2"]) == ["smollm2:135m", "smollm2:latest"])
        #expect(
            try names(["du", "--filter", "shared>1KB", "--sort", "name"]) == [
                "smollm2-coder:ctx1k", "smollm2:135m", "smollm2:latest",
            ])
        let orphans = try names(["orphans", "--filter", "kind=partial download*", "--sort", "name"])
        #expect(orphans.count == 2 && orphans.allSatisfy { $0.hasPrefix(Self.store + "/blobs/sha256-") })
        #expect(try names(["orphans", "--filter", "kind=unreferenced_blob"]).count == 1)
        let registry = try names(["registry", "list", "--registry-dir", Self.configs, "--filter", "backend=ollama"])
        #expect(!registry.isEmpty)
        let bad = try runCLI(["models", "--filter", "size>5XB", "--store", Self.store])
        #expect(
            bad.code == 2
                && bad.err
                    == "ollama-scan: --filter \"size>5XB\": \"5XB\" is not a size; write e.g. 5GB, 500MB, 1.5GiB or 1234\n"
        )
    }

    @Test func namesFeedAnotherCommand() throws {
        let listed = try runCLI([
            "models", "--filter", "status=ok", "--filter", "family=llama", "--names", "--store", Self.store,
        ])
        let names = listed.out.split(separator: "\n").map(String.init)
        #expect(listed.code == 0 && names.count >= 3)
        let verified = try runCLI(["verify", "--json", "-q", "--store", Self.store] + names)
        #expect(verified.code == 0, "\(verified.err)")
        let report = try JSONReader.parse(verified.out)
        #expect(report["models"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == names.sorted())
    }

    @Test func tablesFitEightyColumnsAndPipesAreNeverCut() throws {
        let registry = try TemporaryDirectory.copy(of: Self.configs)
        let commands: [[String]] = [
            ["models"], ["du"], ["orphans"], ["prune"], ["verify"],
            ["import", "--registry-dir", registry.path, "--dry-run"],
        ]
        for command in commands {
            let fitted = try runCLI(command + ["--store", Self.store], environment: ["COLUMNS": "80"])
            let long = fitted.out.split(separator: "\n").filter { $0.count > 80 }
            #expect(long.isEmpty, "\(command): \(long)")
            #expect(fitted.out.contains("…"), "\(command) has nothing to shorten at 80 columns")
        }
        // Without a terminal or COLUMNS, nothing is cut: the full store path is there.
        let piped = try runCLI(["verify", "--store", Self.store])
        #expect(
            piped.out.contains(
                Self.store + "/blobs/sha256-a6d4b4c77a6be0537835beea77d23af5090226ad67d74a14d0d6e55dd0308bb8"))
        #expect(!piped.out.contains("…"))
    }

    @Test func versionListAliasAndSuggestions() throws {
        let version = try runCLI(["--version"])
        #expect(version.code == 0 && version.out.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let list = try runCLI(["list", "--store", Self.store, "--sort", "name"])
        let models = try runCLI(["models", "--store", Self.store, "--sort", "name"])
        #expect(list.code == 0 && list.out == models.out)
        let typo = try runCLI(["registry", "lst"])
        #expect(typo.code == 2 && typo.err.contains("did you mean 'list'?"))
        let option = try runCLI(["models", "--jsn"])
        #expect(option.code == 2 && option.err.contains("Did you mean '--json'?"))
    }

    @Test func importWithoutARegistryRefusesToMakeOne() throws {
        let folder = try TemporaryDirectory()
        let r = try runCLI(["import", "--store", Self.store], in: folder.path)
        #expect(
            r.code == 2 && r.err.contains("no ImageWorks registry in ./configs") && r.err.contains("--registry-dir"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // Pointed at a folder, it starts a registry there; a ./configs that holds one is used.
        let started = try runCLI(
            ["import", "--store", Self.store, "--registry-dir", folder.file("new")], in: folder.path)
        #expect(started.code == 0 && FileManager.default.fileExists(atPath: folder.file("new/model_registry.json")))
        try FileManager.default.moveItem(atPath: folder.file("new"), toPath: folder.file("configs"))
        let again = try runCLI(["import", "--store", Self.store, "--dry-run"], in: folder.path)
        #expect(again.code == 0, "\(again.err)")
    }

    @Test func showPrintsEachPartRaw() throws {
        func show(_ part: String, _ model: String = "llava-mini") throws -> String {
            let r = try runCLI(["show", model, "--\(part)", "--store", Self.store])
            #expect(r.code == 0, "\(part): \(r.err)")
            return r.out
        }
        let modelfile = try show("modelfile")
        #expect(modelfile.hasPrefix("# Modelfile generated by \"ollama-scan show\"\n"))
        #expect(modelfile.contains("\nFROM \(Self.store)/blobs/sha256-"))
        #expect(modelfile.contains("\nTEMPLATE USER: {{ .Prompt }} ASSISTANT:\n"))
        #expect(try show("template") == "USER: {{ .Prompt }} ASSISTANT:\n")
        #expect(try show("parameters") == "stop    USER:\n")
        #expect(try show("license").hasPrefix("Apache License 2.0\n"))
        #expect(try show("system").isEmpty)
        let both = try runCLI(["show", "llava-mini", "--template", "--license", "--store", Self.store])
        #expect(both.code == 2)
        // --verbose lists tensors but keeps every line short; --json keeps every value.
        let verbose = try runCLI(["show", "smollm2", "--verbose", "--store", Self.store])
        #expect(verbose.code == 0 && verbose.out.contains("Tensors"))
        #expect(verbose.out.split(separator: "\n").allSatisfy { $0.count < 2200 })
    }

    @Test func warningsAreInTheJSONOnceAndSummarisedWhenNotSelected() throws {
        let copy = try TemporaryDirectory.copy(of: Self.store)
        try copy.writeText("manifests/registry.ollama.ai/library/torn/latest", "{\"schemaVersion\":2,")
        let models = try JSONReader.parse(try runCLI(["models", "--json", "--store", copy.path]).out)
        let warnings = models["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(warnings.count == 1 && warnings[0].contains("library/torn/latest"))
        // A selection keeps warnings about other manifests to one line.
        let verify = try runCLI(["verify", "smollm2:135m", "-q", "--json", "--store", copy.path])
        let selected = try JSONReader.parse(verify.out)["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(selected == ["1 warning about other files of the store (`ollama-scan models` lists them)"])
        #expect(verify.err.isEmpty)
        // A cache that cannot be used is set aside, and a quiet JSON run still says so.
        let cache = try TemporaryDirectory()
        try cache.writeText("verify.sqlite", "not a database")
        let incremental = try runCLI([
            "verify", "smollm2:135m", "-q", "--json", "--incremental", "--cache", cache.file("verify.sqlite"),
            "--store", Self.store,
        ])
        let cacheWarnings = try JSONReader.parse(incremental.out)["warnings"]?.arrayValue?.compactMap(\.stringValue)
        #expect(
            incremental.code == 0 && cacheWarnings?.contains { $0.contains("verify.sqlite") } == true,
            "\(incremental.out)")
        #expect(incremental.err.isEmpty)
        // Text mode prints each once on stderr, with a count.
        let text = try runCLI(["du", "--store", copy.path])
        #expect(text.err.components(separatedBy: "library/torn/latest").count == 2 && text.err.hasSuffix("1 warning\n"))
    }

    @Test func aFailedExportRemovesTheFolderItMade() throws {
        let copy = try TemporaryDirectory.copy(of: Self.store)
        let scan = try runCLI(["show", "smollm2:135m", "--json", "--store", copy.path])
        let blob = try #require(JSONReader.parse(scan.out)["model_blob"]?.stringValue)
        try BlobCorruption.flippedByte.apply(to: blob, otherBlob: blob)
        let destination = try TemporaryDirectory()
        let r = try runCLI(["export", "smollm2:135m", destination.file("new/deeper"), "--store", copy.path, "-q"])
        #expect(r.code == 1 && r.err.contains("does not hash to its name"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }
}

/// The exit codes of the commands that write, each on a copy of the bundled store.
@Suite struct WriterExitCodeTests {
    static let rows: [String] = [
        "rm nosuch:model -y --while-running|1", "rm smollm2:135m --dry-run|0", "rm|2",
        "repair nosuch:model --dry-run|1", "repair smollm2:135m --dry-run|0", "repair --dry-run|1",
        "repair --from /nonexistent --while-running|2", "pack nosuch:model -o OUT|1", "pack ghost:7b -o OUT|1",
        "pack gemma-cloud:31b-cloud -o OUT|0", "unpack /nonexistent.tar --while-running|2",
        "unpack --list /nonexistent.tar|2", "prune --apply --grace soon|2",
    ]

    @Test(arguments: rows) func everyWriterExitsAsTheTableSays(_ row: String) throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let work = try TemporaryDirectory()
        let parts = row.split(separator: "|")
        let arguments = parts[0].split(separator: " ").map { $0 == "OUT" ? work.file("b.tar") : String($0) }
        let r = try runCLI(arguments + ["--store", store.path])
        #expect(r.code == Int32(parts[1])!, "\(row): \(r.err)")
    }
}
