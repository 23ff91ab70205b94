import GGUF

/// A model's capabilities (`completion`, `tools`, `insert`, `vision`, `embedding`, `thinking`, `audio`,
/// `image`), computed as Ollama HEAD's `/api/show` does, in its order, without running Go templates.
public struct Capabilities {
    /// What the rules look at.
    public struct Inputs {
        public var config: ModelConfig?
        /// The model layer's GGUF header, when there is a model layer that reads as GGUF.
        public var modelHeader: GGUFHeader?
        public var projectorHeaders: [GGUFHeader]
        public var hasProjector: Bool
        /// The text of the template layer (or legacy `prompt` layer) in effect, if any.
        public var template: String?

        public init(
            config: ModelConfig?, modelHeader: GGUFHeader?, projectorHeaders: [GGUFHeader] = [],
            hasProjector: Bool = false, template: String? = nil
        ) {
            self.config = config
            self.modelHeader = modelHeader
            self.projectorHeaders = projectorHeaders
            self.hasProjector = hasProjector
            self.template = template
        }
    }

    /// Parsers whose `HasThinkingSupport` is true in `model/parsers/parsers.go`; any other name containing
    /// "think" is taken as thinking too, except the ones in `nonThinkingParsers`.
    static let thinkingParsers: Set<String> = [
        "qwen3-thinking", "qwen3.5", "qwen3-vl-thinking", "deepseek3", "lfm2-thinking",
    ]
    static let nonThinkingParsers: Set<String> = ["qwen3", "qwen3-vl-instruct", "ministral", "lfm2"]

    /// The capabilities in Ollama's order, each once.
    public static func compute(_ inputs: Inputs) -> [String] {
        var result: [String] = []
        func add(_ capability: String) { if !result.contains(capability) { result.append(capability) } }
        let config = inputs.config
        let renderer = config?.renderer ?? ""
        let parser = config?.parser ?? ""

        // 1. The config's explicit list (remote, MLX and image models).
        config?.capabilities.forEach(add)

        // 2. The GGUF model blob.
        if let header = inputs.modelHeader, config?.isGGUFFormat ?? true {
            add(header.hasArchitectureKey("pooling_type") ? "embedding" : "completion")
            if header.hasArchitectureKey("vision.block_count") { add("vision") }
            if header.hasArchitectureKey("audio.block_count") { add("audio") }
            // llama.cpp's own Jinja renders the chat only when no renderer, parser or Go template is in effect.
            if renderer.isEmpty, parser.isEmpty, inputs.template == nil, let jinja = header.chatTemplate {
                if jinja.contains("tools") || jinja.contains("tool_call") { add("tools") }
                let splitsThinking =
                    jinja.contains("content.split('</think>')") || jinja.contains("content.split(\"</think>\")")
                if (jinja.contains("<think>") && jinja.contains("</think>"))
                    || (splitsThinking && !jinja.contains("reasoning_content"))
                {
                    add("thinking")
                }
            }
        }

        // 3. Projectors: vision, and audio from an audio encoder.
        if inputs.hasProjector { add("vision") }
        for projector in inputs.projectorHeaders where hasAudioEncoder(projector) {
            let projectorType = projector.metadata.first { $0.key.hasSuffix("vision.projector_type") }?.value
                .stringValue
            if projectorType != "gemma3nv" { add("audio") }
        }

        // 4. The Go template, when it is the one in effect (a renderer replaces it).
        if renderer.isEmpty, let template = inputs.template {
            if containsField(template, "Tools") { add("tools") }
            if containsField(template, "Suffix") { add("insert") }
            if hasThinkingInMessages(template) { add("thinking") }
        }

        // 5. A built-in parser.
        if !parser.isEmpty {
            if parser != "passthrough" { add("tools") }
            let lower = parser.lowercased()
            if thinkingParsers.contains(lower) || (lower.contains("think") && !nonThinkingParsers.contains(lower)) {
                add("thinking")
            }
        }

        // 6. gpt-oss always thinks.
        if let family = config?.modelFamily, family == "gptoss" || family == "gpt-oss" { add("thinking") }

        // 7. Some safetensors renderers drop what the config claims.
        if config?.modelFormat == "safetensors", ["gemma4", "glimmer", "nemotron-3-nano"].contains(renderer) {
            result.removeAll { $0 == "audio" || $0 == "vision" }
        }
        if renderer == "nemotron_h_omni" || config?.modelFamily == "nemotron_h_omni" {
            result.removeAll { $0 == "audio" }
        }
        return result
    }

    /// A projector with `has_audio_encoder` (bare or under any prefix) set to true.
    static func hasAudioEncoder(_ header: GGUFHeader) -> Bool {
        header.metadata.contains {
            ($0.key == "has_audio_encoder" || $0.key.hasSuffix(".has_audio_encoder")) && $0.value.boolValue == true
        }
    }

    /// Whether the template uses the field `.<name>` (or `$.<name>`), compared without case and followed by
    /// a word boundary: the practical stand-in for Ollama's `Template.Vars()`.
    static func containsField(_ template: String, _ name: String) -> Bool {
        fieldOffsets(template, name).first != nil
    }

    /// Whether `.Thinking` appears after a `range` over `.Messages`, the shape `thinking.InferTags` looks for.
    static func hasThinkingInMessages(_ template: String) -> Bool {
        let lower = Array(template.lowercased().utf8)
        var start = 0
        while let r = find(Array("range".utf8), in: lower, from: start) {
            // The action that holds this `range` must name `.Messages`.
            let actionEnd = find(Array("}}".utf8), in: lower, from: r) ?? lower.count
            let action = Array(lower[r..<actionEnd])
            if find(Array(".messages".utf8), in: action, from: 0) != nil {
                return fieldOffsets(String(decoding: lower[actionEnd...], as: UTF8.self), "thinking").first != nil
            }
            start = r + 5
        }
        return false
    }

    private static func fieldOffsets(_ text: String, _ name: String) -> [Int] {
        let haystack = Array(text.lowercased().utf8)
        let needle = Array(("." + name).lowercased().utf8)
        var offsets: [Int] = []
        var from = 0
        while let i = find(needle, in: haystack, from: from) {
            let after = i + needle.count
            let isBoundary = after == haystack.count || !isWordByte(haystack[after])
            if isBoundary { offsets.append(i) }
            from = i + 1
        }
        return offsets
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        for i in from...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<i + needle.count].elementsEqual(needle) { return i }
        }
        return nil
    }
}
