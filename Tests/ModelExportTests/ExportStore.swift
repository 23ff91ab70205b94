import FixtureKit
import Foundation
import OllamaStore
import Testing

/// A store with one model that has every kind of layer export handles, and the models it must refuse.
struct ExportStore {
    let directory: TemporaryDirectory
    var root: StoreRoot { StoreRoot(path: directory.path + "/store") }
    /// The text of each text layer of `rich:1b`, as written.
    let template = "\"quoted\" {{ .System }}\n{{ .Prompt }}\n\"\"\" inside\n"
    let system = "You are \"helpful\".\n  Indented, and a tab\there."
    let params =
        #"{"stop":["<|end|>","</s>","\n\nUser:"],"temperature":0.7,"num_ctx":4096,"penalize_newline":true,"num_predict":1000000}"#
    let messages = #"[{"role":"user","content":"Hi: there"},{"role":"assistant","content":"Hello!\nHow can I help?"}]"#
    let licenses = ["MIT License\n\nCopyright (c) 2024\n", "Gemma Terms of Use"]
    /// `rich:1b`'s GGUF layers, in export order.
    var model: StoreBuilder.Descriptor
    var projector: StoreBuilder.Descriptor
    var adapter: StoreBuilder.Descriptor
    var draft: StoreBuilder.Descriptor

    static func media(_ kind: String) -> String { "application/vnd.ollama.image.\(kind)" }

    init() throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: URL(fileURLWithPath: directory.path + "/store"))
        // 8 MiB of tensors, so a copy takes many chunks.
        let weights = DemoStore.model(
            arch: "llama", name: "Rich", fileType: 0, quantType: 0, rows: 16384, contextLength: 4096)
        model = try store.addBlob(weights, mediaType: Self.media("model"))
        projector = try store.addBlob(
            DemoStore.model(arch: "clip", name: "Projector", fileType: 1, quantType: 1, rows: 64, contextLength: 0),
            mediaType: Self.media("projector"))
        adapter = try store.addBlob(
            DemoStore.model(arch: "llama", name: "LoRA", fileType: 1, quantType: 1, rows: 32, contextLength: 4096),
            mediaType: Self.media("adapter"))
        draft = try store.addBlob(
            DemoStore.model(arch: "llama", name: "Draft", fileType: 1, quantType: 1, rows: 16, contextLength: 4096),
            mediaType: Self.media("draft"))
        let text =
            [
                try store.addBlob(Array(template.utf8), mediaType: Self.media("template")),
                try store.addBlob(Array(system.utf8), mediaType: Self.media("system")),
                try store.addBlob(Array(params.utf8), mediaType: Self.media("params")),
                try store.addBlob(Array(messages.utf8), mediaType: Self.media("messages")),
            ] + (try licenses.map { try store.addBlob(Array($0.utf8), mediaType: Self.media("license")) })
        let config = try store.addBlob(
            Array(
                #"{"model_format":"gguf","model_family":"llama","file_type":"F32","renderer":"qwen3-coder","parser":"qwen3-coder","requires":"0.12.0"}"#
                    .utf8),
            mediaType: StoreBuilder.dockerConfig)
        try store.addManifest(
            "registry.ollama.ai/library/rich/1b", config: config, layers: [model, projector, adapter, draft] + text)

        // A model with two adapters, of which `ollama create` can take one.
        let secondAdapter = try store.addBlob(
            DemoStore.model(arch: "llama", name: "LoRA 2", fileType: 1, quantType: 1, rows: 32, contextLength: 4096),
            mediaType: Self.media("adapter"))
        try store.addManifest(
            "registry.ollama.ai/library/duo/1b", config: config, layers: [model, adapter, secondAdapter])

        // What export refuses.
        let cloud = try store.addBlob(
            Array(#"{"model_format":"","remote_host":"https://ollama.com:443","remote_model":"big:31b"}"#.utf8),
            mediaType: StoreBuilder.dockerConfig)
        try store.addManifest("registry.ollama.ai/library/big/31b-cloud", config: cloud, layers: [])
        let mlx = try store.addBlob(
            Array(#"{"model_format":"safetensors","file_type":"nvfp4"}"#.utf8), mediaType: StoreBuilder.dockerConfig)
        let tensor = try store.addBlob([1, 2, 3, 4], mediaType: Self.media("tensor"))
        try store.addManifest("registry.ollama.ai/library/mlx/nvfp4", config: mlx, layers: [tensor])
        let plain = try store.addBlob(Array(#"{"model_format":"gguf"}"#.utf8), mediaType: StoreBuilder.dockerConfig)
        let onlyTemplate = try store.addBlob(Array("{{ .Prompt }}".utf8), mediaType: Self.media("template"))
        try store.addManifest("registry.ollama.ai/library/empty/latest", config: plain, layers: [onlyTemplate])

        // A model whose system prompt and messages a Modelfile cannot carry.
        let odd = try store.addBlob(Array("zero\u{200B}width".utf8), mediaType: Self.media("system"))
        let toolMessages = try store.addBlob(
            Array(#"[{"role":"tool","content":"42"},{"role":"user","content":"ok","images":["aGk="]}]"#.utf8),
            mediaType: Self.media("messages"))
        let oddParams = try store.addBlob(
            Array(#"{"stop":[["nested"]],"bad-name":1,"top_k":40}"#.utf8), mediaType: Self.media("params"))
        try store.addManifest(
            "registry.ollama.ai/library/odd/latest", config: plain, layers: [model, odd, toolMessages, oddParams])
    }

    func scan() throws -> StoreScan { try StoreScanner(root: root).scan() }

    func record(_ name: String) throws -> ModelRecord {
        try #require(try scan().models(matching: name).first)
    }

    var blobsPath: String { root.blobsPath }

    func blobPath(_ descriptor: StoreBuilder.Descriptor) -> String {
        blobsPath + "/sha256-" + descriptor.digest.dropFirst(7)
    }
}
