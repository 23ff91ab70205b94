import FileIO
import FixtureKit
import Foundation
import OllamaStore
import Testing

@Suite struct StoreScannerTests {
    static func demo() throws -> (TemporaryDirectory, StoreScan) {
        let dir = try TemporaryDirectory()
        try DemoStore.write(to: dir.url)
        return (dir, try StoreScanner(root: StoreRoot(path: dir.path)).scan())
    }

    @Test func aScanWithoutModelFilesSkipsHeadersButKeepsPathsAndStates() throws {
        let dir = try TemporaryDirectory()
        try DemoStore.write(to: dir.url)
        let full = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        let light = try StoreScanner(root: StoreRoot(path: dir.path), readsModelFiles: false).scan()
        #expect(light.models.map(\.displayName) == full.models.map(\.displayName))
        for (a, b) in zip(light.models, full.models) {
            #expect(a.ggufHeader == nil && a.modelBlob == b.modelBlob && a.id == b.id && a.size == b.size)
            #expect(a.layers.map(\.state) == b.layers.map(\.state))
            // Without the header, a GGUF model is not mistaken for one without GGUF.
            if b.status == .ok { #expect(a.status == .ok) }
        }
        #expect(light.models.first { $0.displayName == "tinymlx:nvfp4" }?.status == .noGGUF)
    }

    @Test func demoStoreRecords() throws {
        let (dir, scan) = try Self.demo()
        defer { withExtendedLifetime(dir) {} }
        func model(_ name: String) throws -> ModelRecord {
            try #require(scan.models.first { $0.displayName == name }, "\(name)")
        }
        #expect(scan.warnings.isEmpty)
        #expect(scan.models.count == 11)
        let smol = try model("smollm2:135m")
        #expect(smol.status == .ok && smol.quantization == "Q4_K_M" && smol.quantizationSource == .gguf)
        #expect(smol.capabilities == ["completion", "tools"])
        #expect(smol.id == (try model("smollm2:latest")).id)
        #expect(smol.modelBlob?.hasPrefix("/") == true && FileManager.default.fileExists(atPath: smol.modelBlob!))
        #expect(smol.parameterCount == smol.ggufHeader?.parameterCount && smol.contextLength == 8192)
        let embed = try model("alice/embed-mini:Q8_0")
        #expect(embed.capabilities == ["embedding"] && embed.name.namespace == "alice")
        let hf = try model("hf.co/tinyorg/TinyMistral-GGUF:Q5_K_M")
        #expect(hf.quantization == "Q5_K_M" && hf.config?.fileType == "unknown" && hf.problems.isEmpty)
        let coder = try model("smollm2-coder:ctx1k")
        #expect(coder.parentModel == "smollm2:135m")
        #expect(try ReadOnlyFile.contents(ofFile: coder.manifestPath).last == UInt8(ascii: "\n"))
        let cloud = try model("gemma-cloud:31b-cloud")
        #expect(cloud.status == .remote && cloud.layers.isEmpty)
        let mlx = try model("tinymlx:nvfp4")
        #expect(mlx.status == .noGGUF && mlx.quantization == "nvfp4" && mlx.quantizationSource == .config)
        let llava = try model("llava-mini:latest")
        #expect(llava.projectorBlobs.count == 1 && llava.capabilities == ["completion", "vision"])
        #expect(llava.size - llava.uniqueSize == llava.layers[2].declaredSize)
        let old = try model("oldcoder:7b-q6_K")
        #expect(old.modelBlob?.hasSuffix("/blobs/sha256:" + old.layers[0].digest.dropFirst(7)) == true)
        #expect(old.size - old.uniqueSize == old.configBlob!.declaredSize && old.status == .ok)
        let gpt = try model("gpt-mini:20b")
        #expect(gpt.quantization == "MXFP4" && gpt.capabilities == ["completion", "thinking"])
        let ghost = try model("ghost:7b")
        #expect(ghost.status == .missingBlobs && ghost.layers[0].state == .missing)
        #expect(ghost.quantization == "Q4_K_M" && ghost.quantizationSource == .config)
        // Leftovers are recognised.
        #expect(scan.leftovers().filter(\.kind.isPartial).count == 2)
        #expect(scan.leftovers().filter { $0.kind == .unreferencedBlob }.count == 1)
        #expect(scan.unparseableManifests.isEmpty)
    }

    @Test func brokenThingsBecomeWarningsAndTheScanGoesOn() throws {
        let (dir, _) = try Self.demo()
        let manifests = dir.url.appendingPathComponent("manifests")
        try dir.write("manifests/registry.ollama.ai/library/broken/1b", Array("{not json".utf8))
        try dir.write("manifests/registry.ollama.ai/library/smollm2/.DS_Store", [0, 1, 2])
        try dir.write("manifests/registry.ollama.ai/library/stray", Array("x".utf8))
        try dir.write("manifests/registry.ollama.ai/library/deep/tag/extra", Array("x".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: manifests.path + "/registry.ollama.ai/library/smollm2/dangling",
            withDestinationPath: "/nonexistent/target")
        // A model whose config blob is missing, and one whose model blob has the wrong size.
        let smol = try #require(
            try StoreScanner(root: StoreRoot(path: dir.path)).scan().models.first { $0.displayName == "smollm2:135m" })
        var text = String(decoding: try ReadOnlyFile.contents(ofFile: smol.manifestPath), as: UTF8.self)
        text = text.replacingOccurrences(
            of: smol.configBlob!.digest, with: "sha256:" + String(repeating: "0", count: 64))
        try dir.write("manifests/registry.ollama.ai/library/noconfig/latest", Array(text.utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: smol.layers[1].path!))
        try handle.seekToEnd()
        handle.write(Data([0x20]))
        try handle.close()

        let scan = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        func warning(_ suffix: String, _ reason: String) -> Bool {
            scan.warnings.contains { $0.path.hasSuffix(suffix) && $0.reason.contains(reason) }
        }
        #expect(warning("library/broken/1b", "invalid manifest"))
        #expect(warning("smollm2/.DS_Store", "invalid model name: tag"))
        #expect(warning("library/stray", "depth 3"))
        #expect(warning("deep/tag/extra", "depth 5"))
        #expect(warning("smollm2/dangling", "dangling symbolic link"))
        #expect(warning("noconfig/latest", "config blob"))
        #expect(scan.models.first { $0.displayName == "broken:1b" }?.status == .invalid)
        #expect(scan.models.first { $0.displayName == "noconfig:latest" }?.status == .missingBlobs)
        #expect(scan.models.first { $0.displayName == "smollm2:135m" }?.status == .sizeMismatch)
        #expect(scan.unparseableManifests.count == 1)
        #expect(scan.models.count == 13)
    }

    @Test func corruptModelGGUFMakesTheModelInvalid() throws {
        let (dir, scan) = try Self.demo()
        let gpt = try #require(scan.models.first { $0.displayName == "gpt-mini:20b" })
        var bytes = try ReadOnlyFile.contents(ofFile: gpt.modelBlob!)
        bytes[0] = UInt8(ascii: "X")
        try Data(bytes).write(to: URL(fileURLWithPath: gpt.modelBlob!))
        let rescan = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        let broken = try #require(rescan.models.first { $0.displayName == "gpt-mini:20b" })
        #expect(broken.status == .invalid)
        #expect(
            broken.problems.contains {
                if case .unreadableModelGGUF = $0 {
                    $0.description.hasPrefix("model GGUF: ") && $0.description.contains("not a GGUF file")
                } else {
                    false
                }
            })
        #expect(broken.quantization == "MXFP4" && broken.quantizationSource == .config)
    }

    @Test func theScanWritesNothing() throws {
        let (dir, _) = try Self.demo()
        func snapshot() throws -> [String: Date] {
            var result: [String: Date] = [:]
            let enumerator = FileManager.default.enumerator(
                at: dir.url, includingPropertiesForKeys: [.contentModificationDateKey])!
            for case let url as URL in enumerator {
                result[url.path] = try url.resourceValues(forKeys: [.contentModificationDateKey])
                    .contentModificationDate
            }
            return result
        }
        let before = try snapshot()
        _ = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        #expect(try snapshot() == before)
    }

    @Test func lookupsAndSuggestions() throws {
        let (dir, scan) = try Self.demo()
        defer { withExtendedLifetime(dir) {} }
        #expect(scan.models(matching: "SMOLLM2").first?.displayName == "smollm2:latest")
        #expect(scan.models(matching: "HF.CO/TinyOrg/TinyMistral-GGUF:q5_k_m").count == 1)
        #expect(scan.models(matching: "smollm2:7b").isEmpty)
        #expect(scan.suggestions(for: "smollm2:7b").contains("smollm2:135m"))
        #expect(scan.suggestions(for: "smolm2").contains("smollm2:latest"))
    }
}

@Suite struct StoreRootTests {
    @Test func resolutionOrder() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a/manifests/.keep", [])
        try dir.write("a/blobs/.keep", [])
        try dir.write("home/.ollama/models/manifests/.keep", [])
        try dir.write("home/.ollama/models/blobs/.keep", [])
        let a = dir.path + "/a"
        #expect(
            try StoreRoot.locate(explicit: a, environment: ["OLLAMA_MODELS": "/nope"], homeDirectory: nil).path == a)
        #expect(
            try StoreRoot.locate(explicit: nil, environment: ["OLLAMA_MODELS": " \"'\(a)'\" \n"], homeDirectory: nil)
                .path == a)
        #expect(
            try StoreRoot.locate(explicit: nil, environment: ["OLLAMA_MODELS": "  "], homeDirectory: dir.path + "/home")
                .path == dir.path + "/home/.ollama/models")
        #expect(
            try StoreRoot.locate(explicit: nil, environment: [:], homeDirectory: dir.path + "/home").path == dir.path
                + "/home/.ollama/models")
    }

    @Test func unusableRoots() throws {
        let dir = try TemporaryDirectory()
        try dir.write("file", [1])
        try dir.write("nomanifests/blobs/.keep", [])
        #expect(throws: StoreError.rootMissing(path: dir.path + "/missing", hint: nil)) {
            try StoreRoot.locate(explicit: dir.path + "/missing", environment: [:], homeDirectory: nil)
        }
        #expect(throws: StoreError.notADirectory(path: dir.path + "/file")) {
            try StoreRoot.locate(explicit: dir.path + "/file", environment: [:], homeDirectory: nil)
        }
        #expect(throws: StoreError.missingSubdirectory(root: dir.path + "/nomanifests", name: "manifests")) {
            try StoreRoot.locate(explicit: dir.path + "/nomanifests", environment: [:], homeDirectory: nil)
        }
        #expect(StoreError.rootMissing(path: "/x", hint: "h").description == "/x: Ollama model store does not exist; h")
    }
}
