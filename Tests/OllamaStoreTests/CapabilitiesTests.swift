import FixtureKit
import GGUF
import OllamaStore
import Testing

@Suite struct CapabilitiesTests {
    func header(_ keys: [(String, GGUFValue)]) throws -> GGUFHeader {
        var b = GGUFBuilder()
        b.add("general.architecture", .text("llama"))
        for (k, v) in keys { b.add(k, v) }
        return try GGUFReader().readHeader(from: MemoryByteSource(b.build()))
    }

    @Test func ggufKeysGiveEmbeddingCompletionVisionAudio() throws {
        #expect(
            Capabilities.compute(.init(config: nil, modelHeader: try header([("llama.pooling_type", .uint32(0))]))) == [
                "embedding"
            ])
        #expect(
            Capabilities.compute(
                .init(
                    config: nil,
                    modelHeader: try header([
                        ("llama.vision.block_count", .uint32(2)), ("llama.audio.block_count", .uint32(2)),
                    ])))
                == ["completion", "vision", "audio"])
    }

    @Test func templateFieldsGiveToolsInsertThinking() throws {
        let h = try header([])
        let template =
            "{{ if .Tools }}x{{ end }}{{ .Suffix }}{{ range $i, $m := .Messages }}{{ if $m.Thinking }}<think>{{ end }}{{ end }}"
        #expect(
            Capabilities.compute(.init(config: nil, modelHeader: h, template: template)) == [
                "completion", "tools", "insert", "thinking",
            ])
        #expect(
            Capabilities.compute(.init(config: nil, modelHeader: h, template: "{{ .ToolsX }}{{ .Thinking }}")) == [
                "completion"
            ])
    }

    @Test func jinjaTemplateOnlyWithoutGoTemplateOrRenderer() throws {
        let h = try header([("tokenizer.chat_template", .text("{% if tools %}{% endif %}<think></think>"))])
        #expect(Capabilities.compute(.init(config: nil, modelHeader: h)) == ["completion", "tools", "thinking"])
        #expect(Capabilities.compute(.init(config: nil, modelHeader: h, template: "{{ .Prompt }}")) == ["completion"])
    }

    @Test func parsersProjectorsAndFamilies() throws {
        var config = ModelConfig()
        config.parser = "qwen3-vl-thinking"
        #expect(
            Capabilities.compute(.init(config: config, modelHeader: try header([]))) == [
                "completion", "tools", "thinking",
            ])
        config.parser = "qwen3"
        #expect(Capabilities.compute(.init(config: config, modelHeader: try header([]))) == ["completion", "tools"])
        config.parser = nil
        config.modelFamily = "gptoss"
        #expect(Capabilities.compute(.init(config: config, modelHeader: try header([]))) == ["completion", "thinking"])
        let projector = try header([("clip.has_audio_encoder", .bool(true))])
        #expect(
            Capabilities.compute(
                .init(config: nil, modelHeader: try header([]), projectorHeaders: [projector], hasProjector: true))
                == ["completion", "vision", "audio"])
        var mlx = ModelConfig()
        mlx.modelFormat = "safetensors"
        mlx.renderer = "gemma4"
        mlx.capabilities = ["completion", "vision", "audio"]
        #expect(Capabilities.compute(.init(config: mlx, modelHeader: nil)) == ["completion"])
    }
}
