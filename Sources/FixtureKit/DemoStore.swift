import Foundation
import GGUF
import OllamaStore
import OrderedJSON

/// The bundled demo store, `Fixtures/store`: small, but with every real-world quirk a scanner must handle.
///
/// | model | what it shows |
/// | --- | --- |
/// | `smollm2:135m` | a pulled library model (model, template with tools, license, params) |
/// | `smollm2:latest` | `ollama cp` of the above: the same manifest bytes, so the same ID |
/// | `alice/embed-mini:Q8_0` | a user namespace; an embedding model (pooling type); a license shared with smollm2 |
/// | `hf.co/tinyorg/TinyMistral-GGUF:Q5_K_M` | a Hugging Face pull; the config says `unknown`, the GGUF says Q5_K_M |
/// | `smollm2-coder:ctx1k` | a local `ollama create FROM smollm2:135m`: layers with `from`, trailing newline |
/// | `gemma-cloud:31b-cloud` | a cloud stub with `"layers":null` |
/// | `tinymlx:nvfp4` | a safetensors (MLX) model: `tensor` and `json` layers with names |
/// | `llava-mini:latest` | a projector layer; a license digest repeated in one manifest |
/// | `oldcoder:7b-q6_K` | a 2023 model: the config repeated as a layer; its model blob has a legacy `sha256:` name |
/// | `gpt-mini:20b` | gpt-oss: `general.file_type` 4 and MXFP4 tensors (type 4), thinking |
/// | `ghost:7b` | its model blob is missing |
///
/// `blobs/` also holds a partial download (`-partial` and `-partial-0`) and an orphan blob.
public enum DemoStore {
    /// Writes the demo store into `directory`, which must not exist or be empty.
    public static func write(to directory: URL) throws {
        let store = try StoreBuilder(root: directory)
        let license = try store.addBlob(
            Array("Apache License 2.0\n\nA tiny demo license shared by several models.\n".utf8),
            mediaType: media("license"))
        let chatTemplate =
            "{{- if .Tools }}<|tools|>{{ range .Tools }}{{ . }}{{ end }}{{ end }}{{ range .Messages }}<|{{ .Role }}|>{{ .Content }}{{ end }}<|assistant|>"

        // smollm2:135m, and its copy smollm2:latest.
        let smollm = try store.addBlob(
            model(arch: "llama", name: "SmolLM2 135M Demo", fileType: 15, quantType: 12, rows: 6, contextLength: 8192),
            mediaType: media("model"))
        let smollmTemplate = try store.addBlob(Array(chatTemplate.utf8), mediaType: media("template"))
        let smollmParams = try store.addBlob(
            StoreBuilder.compactJSON(
                [("stop", .array([.string("<|end|>")])), ("temperature", .double(0.2))], trailingNewline: false),
            mediaType: media("params"))
        try addModel(
            store, at: ["registry.ollama.ai/library/smollm2/135m", "registry.ollama.ai/library/smollm2/latest"],
            family: "llama", type: parameterSize(of: smollm, store), fileType: "Q4_K_M",
            layers: [smollm, smollmTemplate, license, smollmParams])

        // alice/embed-mini:Q8_0: user namespace, embedding model.
        let embed = try store.addBlob(
            model(
                arch: "nomic-bert", name: "Embed Mini", fileType: 7, quantType: 8, rows: 4, contextLength: 2048,
                extra: [("nomic-bert.pooling_type", .uint32(1))]), mediaType: media("model"))
        let embedParams = try store.addBlob(
            StoreBuilder.compactJSON([("num_ctx", .integer(2048))], trailingNewline: false), mediaType: media("params"))
        try addModel(
            store, at: ["registry.ollama.ai/alice/embed-mini/Q8_0"], family: "nomic-bert",
            type: parameterSize(of: embed, store), fileType: "Q8_0", layers: [embed, embedParams, license])

        // hf.co/tinyorg/TinyMistral-GGUF:Q5_K_M: the HF-generated config cannot know the quant.
        let mistral = try store.addBlob(
            model(arch: "llama", name: "TinyMistral Demo", fileType: 17, quantType: 13, rows: 4, contextLength: 32768),
            mediaType: media("model"))
        let mistralTemplate = try store.addBlob(
            Array("[INST] {{ .Prompt }} [/INST]".utf8), mediaType: media("template"))
        let mistralParams = try store.addBlob(
            StoreBuilder.compactJSON(
                [("stop", .array([.string("[INST]"), .string("[/INST]")]))], trailingNewline: false),
            mediaType: media("params"))
        let mistralConfig = try store.addBlob(
            config(family: "llama", type: "", fileType: "unknown", layers: []), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest(
            "hf.co/tinyorg/TinyMistral-GGUF/Q5_K_M", config: mistralConfig,
            layers: [mistral, mistralTemplate, mistralParams])

        // smollm2-coder:ctx1k: ollama create FROM smollm2:135m with SYSTEM, PARAMETER and MESSAGE.
        let source = "smollm2:135m"
        let system = try store.addBlob(Array("You are a concise coding assistant.".utf8), mediaType: media("system"))
        let coderParams = try store.addBlob(
            StoreBuilder.compactJSON([("num_ctx", .integer(1024)), ("stop", .array([.string("<|end|>")]))]),
            mediaType: media("params"))
        let messages = try store.addBlob(
            Array("[{\"role\":\"user\",\"content\":\"Say hi\"},{\"role\":\"assistant\",\"content\":\"Hi!\"}]\n".utf8),
            mediaType: media("messages"))
        let coderLayers = [
            smollm.inherited(from: source), system.inherited(from: source), smollmTemplate.inherited(from: source),
            license.inherited(from: source), coderParams, messages,
        ]
        try addModel(
            store, at: ["registry.ollama.ai/library/smollm2-coder/ctx1k"], family: "llama",
            type: parameterSize(of: smollm, store), fileType: "Q4_K_M", layers: coderLayers, trailingNewline: true)

        // gemma-cloud:31b-cloud: a cloud stub.
        let cloudConfig = try store.addBlob(
            StoreBuilder.compactJSON([
                ("model_format", .string("")), ("model_family", .string("")), ("model_families", .null),
                ("model_type", .string("")),
                ("file_type", .string("")), ("remote_host", .string("https://ollama.com:443")),
                ("remote_model", .string("gemma4:31b")),
                ("capabilities", .array(["completion", "tools", "vision", "thinking"].map(JSONValue.string))),
                ("context_length", .integer(262144)), ("base_name", .string("gemma4:31b")),
                ("architecture", .string("amd64")),
                ("os", .string("linux")),
                ("rootfs", .object(JSONObject([("type", .string("layers")), ("diff_ids", .array([]))]))),
            ]), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest("registry.ollama.ai/library/gemma-cloud/31b-cloud", config: cloudConfig, layers: nil)

        // tinymlx:nvfp4: safetensors tensors and json files.
        var mlxLayers: [StoreBuilder.Descriptor] = []
        for tensor in ["model.embed_tokens.weight", "model.layers.0.mlp.down_proj.weight", "model.norm.weight"] {
            var bytes = DeterministicBytes(seed: tensor)
            var layer = try store.addBlob(bytes.next(512), mediaType: media("tensor"))
            layer.name = tensor
            mlxLayers.append(layer)
        }
        for (file, text) in [
            ("config.json", "{\"architectures\":[\"Qwen3ForCausalLM\"],\"hidden_size\":64}\n"),
            ("tokenizer.json", "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}\n"),
        ] {
            var layer = try store.addBlob(Array(text.utf8), mediaType: media("json"))
            layer.name = file
            mlxLayers.append(layer)
        }
        mlxLayers.append(license)
        let mlxConfig = try store.addBlob(
            StoreBuilder.compactJSON(
                [
                    ("model_format", .string("safetensors")), ("model_family", .string("")), ("model_families", .null),
                    ("model_type", .string("")),
                    ("file_type", .string("nvfp4")), ("renderer", .string("qwen3.5")), ("parser", .string("qwen3.5")),
                    ("requires", .string("0.19.0")),
                    ("capabilities", .array(["completion", "vision", "thinking"].map(JSONValue.string))),
                    ("architecture", .string("")), ("os", .string("")),
                    ("rootfs", .object(JSONObject([("type", .string("")), ("diff_ids", .null)]))),
                ], trailingNewline: false), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest(
            "registry.ollama.ai/library/tinymlx/nvfp4", config: mlxConfig, layers: mlxLayers, trailingNewline: true)

        // llava-mini:latest: a vision projector, and a license listed twice.
        let llava = try store.addBlob(
            model(arch: "llama", name: "Llava Mini", fileType: 2, quantType: 2, rows: 4, contextLength: 4096),
            mediaType: media("model"))
        let projector = try store.addBlob(projectorGGUF(), mediaType: media("projector"))
        let llavaTemplate = try store.addBlob(
            Array("USER: {{ .Prompt }} ASSISTANT:".utf8), mediaType: media("template"))
        let llavaParams = try store.addBlob(
            StoreBuilder.compactJSON([("stop", .array([.string("USER:")]))], trailingNewline: false),
            mediaType: media("params"))
        try addModel(
            store, at: ["registry.ollama.ai/library/llava-mini/latest"], family: "llama", families: ["llama", "clip"],
            type: parameterSize(of: llava, store), fileType: "Q4_0",
            layers: [llava, projector, license, license, llavaTemplate, llavaParams])

        // oldcoder:7b-q6_K: a 2023 model; config repeated as a layer; legacy blob name for the weights.
        let oldModelBytes = model(
            arch: "llama", name: "Old Coder", fileType: 18, quantType: 14, rows: 4, contextLength: 16384)
        let oldModel = try store.addBlob(oldModelBytes, mediaType: media("model"), legacyName: true)
        let oldTemplate = try store.addBlob(
            Array("{{ .System }}\n@@ Instruction\n{{ .Prompt }}\n@@ Response\n".utf8), mediaType: media("template"))
        let oldSystem = try store.addBlob(
            Array("You are an exceptionally intelligent coding assistant.".utf8), mediaType: media("system"))
        let oldParams = try store.addBlob(Array("{\"num_ctx\":16384}".utf8), mediaType: media("params"))
        let oldDiffs: [JSONValue] = [oldModel, oldTemplate, oldSystem, oldParams].map { .string($0.digest) }
        let oldConfig = try store.addBlob(
            StoreBuilder.compactJSON(
                [
                    ("model_format", .string("gguf")), ("model_family", .string("llama")),
                    ("model_type", .string("7B")), ("file_type", .string("Q6_K")),
                    ("rootfs", .object(JSONObject([("type", .string("layers")), ("diff_ids", .array(oldDiffs))]))),
                    ("architecture", .string("amd64")), ("os", .string("linux")),
                ], trailingNewline: false), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest(
            "registry.ollama.ai/library/oldcoder/7b-q6_K", config: oldConfig,
            layers: [oldModel, oldTemplate, oldSystem, oldParams, oldConfig])

        // gpt-mini:20b: gpt-oss stores file type 4 and MXFP4 tensors with type id 4.
        let gpt = try store.addBlob(
            model(arch: "gptoss", name: "GPT Mini", fileType: 4, quantType: 4, rows: 4, contextLength: 131072),
            mediaType: media("model"))
        let gptTemplate = try store.addBlob(
            Array("{{ range .Messages }}<|start|>{{ .Role }}<|message|>{{ .Content }}<|end|>{{ end }}".utf8),
            mediaType: media("template"))
        try addModel(
            store, at: ["registry.ollama.ai/library/gpt-mini/20b"], family: "gptoss",
            type: parameterSize(of: gpt, store), fileType: "MXFP4", layers: [gpt, gptTemplate, license])

        // ghost:7b: the model blob is missing.
        let ghostBytes = model(arch: "llama", name: "Ghost", fileType: 15, quantType: 12, rows: 2, contextLength: 4096)
        let ghost = StoreBuilder.descriptor(for: ghostBytes, mediaType: media("model"))
        try addModel(
            store, at: ["registry.ollama.ai/library/ghost/7b"], family: "llama", type: "7B", fileType: "Q4_K_M",
            layers: [ghost, license])

        // Leftovers: an interrupted pull and an orphan.
        var partial = DeterministicBytes(seed: "partial download")
        let partialDigest = StoreBuilder.digest(of: partial.next(4096)).dropFirst(7)
        try store.addBlobsFile(named: "sha256-\(partialDigest)-partial", bytes: [UInt8](repeating: 0, count: 4096))
        try store.addBlobsFile(
            named: "sha256-\(partialDigest)-partial-0",
            bytes: Array("{\"N\":0,\"Offset\":0,\"Size\":4096,\"Completed\":1024}\n".utf8))
        try store.addBlob(Array("An orphan blob: no manifest references it.\n".utf8), mediaType: media("license"))
    }

    public static func media(_ kind: String) -> String { "application/vnd.ollama.image.\(kind)" }

    /// A small GGUF v3 model: token embedding, one block, output norm; realistic keys. A nil `fileType`
    /// leaves `general.file_type` out.
    public static func model(
        arch: String, name: String, fileType: UInt32?, quantType: UInt32, rows: UInt64, contextLength: UInt32,
        extra: [(String, GGUFValue)] = []
    ) -> [UInt8] {
        let block = GGMLType(id: quantType)!.blockSize
        let width = max(block, 64)
        var gguf = GGUFBuilder()
        gguf.add("general.architecture", .text(arch))
        gguf.add("general.type", .text("model"))
        gguf.add("general.name", .text(name))
        if let fileType { gguf.add("general.file_type", .uint32(fileType)) }
        gguf.add("general.quantization_version", .uint32(2))
        gguf.add("\(arch).context_length", .uint32(contextLength))
        gguf.add("\(arch).embedding_length", .uint32(UInt32(width)))
        gguf.add("\(arch).block_count", .uint32(1))
        gguf.add("\(arch).attention.head_count", .uint32(4))
        gguf.add("\(arch).attention.head_count_kv", .uint32(2))
        for (key, value) in extra { gguf.add(key, value) }
        let tokens = ["<unk>", "<s>", "</s>"] + (0..<29).map { "tok\($0)" }
        gguf.add("tokenizer.ggml.model", .text("gpt2"))
        gguf.add("tokenizer.ggml.tokens", .strings(tokens))
        gguf.add("tokenizer.ggml.token_type", .array(of: .int32, tokens.indices.map { .int32($0 < 3 ? 3 : 1) }))
        gguf.add("tokenizer.ggml.bos_token_id", .uint32(1))
        gguf.add("tokenizer.ggml.eos_token_id", .uint32(2))
        gguf.add("tokenizer.chat_template", .text("{% for message in messages %}{{ message['content'] }}{% endfor %}"))
        gguf.tensors = [
            .init("token_embd.weight", [width, UInt64(tokens.count)], typeID: quantType),
            .init("blk.0.attn_norm.weight", [width], typeID: 0),
            .init("blk.0.attn_q.weight", [width, rows], typeID: quantType),
            .init("blk.0.ffn_down.weight", [width, rows], typeID: quantType),
            .init("output_norm.weight", [width], typeID: 0),
        ]
        return gguf.build()
    }

    /// A small CLIP projector GGUF (`general.type` mmproj).
    static func projectorGGUF() -> [UInt8] {
        var gguf = GGUFBuilder()
        gguf.add("general.architecture", .text("clip"))
        gguf.add("general.type", .text("mmproj"))
        gguf.add("general.name", .text("Llava Mini Projector"))
        gguf.add("general.file_type", .uint32(1))
        gguf.add("clip.has_vision_encoder", .bool(true))
        gguf.add("clip.vision.projector_type", .text("mlp"))
        gguf.add("clip.vision.image_size", .uint32(224))
        gguf.tensors = [.init("mm.0.weight", [32, 16], typeID: 1), .init("mm.0.bias", [16], typeID: 0)]
        return gguf.build()
    }

    /// A config blob as a GGUF `ollama create` writes it (json.Encoder: trailing newline).
    /// Writes a GGUF model's config blob (from `config(...)`) and its manifest at each of `paths`: more than
    /// one is the same model under several names, as `ollama cp` makes.
    private static func addModel(
        _ store: StoreBuilder, at paths: [String], family: String, families: [String]? = nil, type: String,
        fileType: String, layers: [StoreBuilder.Descriptor], trailingNewline: Bool = false
    ) throws {
        let configBlob = try store.addBlob(
            config(family: family, families: families, type: type, fileType: fileType, layers: layers),
            mediaType: StoreBuilder.dockerConfig)
        for path in paths {
            try store.addManifest(path, config: configBlob, layers: layers, trailingNewline: trailingNewline)
        }
    }

    public static func config(
        family: String, families: [String]? = nil, type: String, fileType: String, layers: [StoreBuilder.Descriptor]
    ) -> [UInt8] {
        StoreBuilder.compactJSON([
            ("model_format", .string("gguf")), ("model_family", .string(family)),
            ("model_families", .array((families ?? [family]).map(JSONValue.string))), ("model_type", .string(type)),
            ("file_type", .string(fileType)), ("architecture", .string("amd64")), ("os", .string("linux")),
            (
                "rootfs",
                .object(
                    JSONObject([("type", .string("layers")), ("diff_ids", .array(layers.map { .string($0.digest) }))]))
            ),
        ])
    }

    /// The parameter size Ollama writes into `model_type`, from the model blob's header.
    static func parameterSize(of layer: StoreBuilder.Descriptor, _ store: StoreBuilder) throws -> String {
        let path = store.root.appendingPathComponent("blobs/sha256-\(layer.digest.dropFirst(7))").path
        let header = try GGUFReader().readHeader(atPath: path)
        return HumanFormat.number(header.parameterCount)
    }
}
