import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct OtherRunnersCLITests {
    /// A store with one model of an architecture Ollama loads through its compatibility layer, and one not.
    static func store() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: URL(fileURLWithPath: directory.path))
        for (model, arch) in [("gem", "gemma3"), ("lla", "llama")] {
            let weights = DemoStore.model(
                arch: arch, name: model, fileType: 15, quantType: 12, rows: 64, contextLength: 2048)
            let layer = try store.addBlob(weights, mediaType: DemoStore.media("model"))
            let config = try store.addBlob(
                DemoStore.config(family: arch, type: "1B", fileType: "Q4_K_M", layers: [layer]),
                mediaType: StoreBuilder.dockerConfig)
            try store.addManifest("registry.ollama.ai/library/\(model)/1b", config: config, layers: [layer])
        }
        return directory
    }

    @Test func exportAndShowWarnAboutTheCompatibilityLayer() throws {
        let store = try Self.store()
        let out = try TemporaryDirectory()
        for (model, warns) in [("gem:1b", true), ("lla:1b", false)] {
            let exported = try runCLI(["export", model, out.file(model), "--store", store.path, "--json"])
            #expect(exported.code == 0, "\(exported.err)")
            let warnings = try JSONReader.parse(exported.out)["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(
                warnings.contains { $0.contains("a gemma3 model") && $0.contains("llama.cpp") } == warns, "\(model)")
            let text = try runCLI(["export", model, out.file(model), "--force", "--store", store.path])
            #expect(text.err.contains("compatibility layer") == warns, "\(model): \(text.err)")
            let shown = try runCLI(["show", model, "--store", store.path])
            #expect(shown.code == 0 && shown.err.contains("compatibility layer") == warns, "\(model)")
        }
    }
}
