import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct ExportCLITests {
    @Test func exportsAModelWithItsProjectorAndReportsJSON() throws {
        let out = try TemporaryDirectory()
        let destination = out.path + "/llava"
        let r = try runCLI(["export", "llava-mini", destination, "--store", Repo.fixtureStore, "--json"])
        #expect(r.code == 0, "\(r.err)")
        let json = try JSONReader.parse(r.out)
        #expect(json["model"]?.stringValue == "llava-mini:latest")
        let files = json["files"]?.arrayValue ?? []
        #expect(files.compactMap { $0["role"]?.stringValue } == ["model", "projector"])
        #expect(
            files.compactMap { $0["path"]?.stringValue } == [
                destination + "/llava-mini-latest.gguf", destination + "/llava-mini-latest.mmproj-1.gguf",
            ])
        #expect(files.allSatisfy { $0["verified"]?.boolValue == true && $0["method"]?.stringValue == "copy" })
        for file in files {
            let digest = try #require(file["digest"]?.stringValue)
            let blob = Repo.fixtureStore + "/blobs/" + digest.replacingOccurrences(of: ":", with: "-")
            #expect(FileManager.default.contentsEqual(atPath: try #require(file["path"]?.stringValue), andPath: blob))
        }
        #expect(json["modelfile"]?.stringValue == destination + "/Modelfile")

        // The same again without --force is refused, and changes nothing.
        let again = try runCLI(["export", "llava-mini", destination, "--store", Repo.fixtureStore])
        #expect(again.code == 2)
        #expect(again.err.contains("already exist") && again.err.contains("--force"))
        let forced = try runCLI([
            "export", "llava-mini", destination, "--store", Repo.fixtureStore, "--force", "--link", "symlink",
        ])
        #expect(forced.code == 0, "\(forced.err)")
        #expect(forced.out.contains("(symlink, size-checked, not hashed)"))
    }

    static let failures: [String] = [
        "gemma-cloud:31b-cloud|2|cannot be exported: it is a cloud model",
        "tinymlx:nvfp4|2|its format is safetensors",
        "nosuch:model|1|model nosuch:model not found",
        "ghost:7b|1|the model blob is missing",
    ]

    @Test(arguments: failures)
    func refusalsAndFailuresHaveTheirExitCodes(_ row: String) throws {
        let parts = row.split(separator: "|").map(String.init)
        let out = try TemporaryDirectory()
        let r = try runCLI(["export", parts[0], out.path + "/x", "--store", Repo.fixtureStore])
        #expect(r.code == Int32(parts[1]))
        #expect(r.err.contains(parts[2]), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/x"))
    }

    @Test func badLinkKindIsAUsageError() throws {
        let r = try runCLI(["export", "smollm2", "/tmp/x", "--store", Repo.fixtureStore, "--link", "copy"])
        #expect(r.code == 2)
        #expect(r.err.contains("--link takes symlink or hardlink"))
    }

    /// Killed at any moment of a large copy, the final name holds nothing or the whole, correct file.
    @Test func aKilledExportNeverLeavesAPartialFileUnderTheFinalName() throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url.appendingPathComponent("store"))
        let size: Int64 = 96 << 20
        let header = DemoStore.model(
            arch: "llama", name: "Big", fileType: 0, quantType: 0, rows: 64, contextLength: 2048)
        let model = try store.addStreamedBlob(
            prefix: header, size: size, seed: "export kill", mediaType: "application/vnd.ollama.image.model")
        let config = try store.addBlob(Array(#"{"model_format":"gguf"}"#.utf8), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest("registry.ollama.ai/library/big/1b", config: config, layers: [model])
        let blob = store.root.appendingPathComponent("blobs/sha256-" + model.digest.dropFirst(7)).path

        let started = Date()
        let first = try runCLI(["export", "big:1b", directory.path + "/timed", "--store", store.root.path])
        #expect(first.code == 0, "\(first.err)")
        let duration = Date().timeIntervalSince(started)

        var sawNothing = false
        for attempt in 0..<6 {
            let destination = directory.path + "/out\(attempt)"
            let process = Process()
            process.executableURL = cliBinary
            process.arguments = ["export", "big:1b", destination, "--store", store.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * Double(attempt + 1) / 8)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let final = destination + "/big-1b.gguf"
            if FileManager.default.fileExists(atPath: final) {
                #expect(
                    FileManager.default.contentsEqual(atPath: final, andPath: blob), "attempt \(attempt): a torn file")
            } else {
                sawNothing = true
            }
        }
        #expect(sawNothing)
    }
}
