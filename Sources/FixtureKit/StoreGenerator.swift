import Foundation
import GGUF
import OrderedJSON

/// Writes a large, realistic Ollama store for benchmarks: library, user-namespace and `hf.co` models;
/// config blobs; template, license and params blobs shared across models; GGUF model blobs whose headers
/// look like real ones (a ~150k-token tokenizer and a few hundred tensor infos when the blob is large enough)
/// followed by incompressible data exactly filling their tensors; projector layers on some models; and a
/// fraction of models derived from others (sharing their model blob). Deterministic for a seed.
public struct StoreGenerator {
    public struct Options: Sendable {
        public var models: Int
        /// The bytes of the model blobs, spread in the proportions of a typical store.
        public var totalSize: Int64
        /// The fraction of models that share another model's blob (`ollama cp`, `ollama create FROM`).
        public var sharedFraction: Double
        public var seed: String
        /// Tokens in a realistic tokenizer.
        public var vocabularySize: Int
        /// Blobs at least this large get a realistic (multi-megabyte) header; smaller ones a tiny one.
        public var realisticHeaderThreshold: Int64

        public init(models: Int, totalSize: Int64, sharedFraction: Double = 0.1, seed: String = "store-bench") {
            self.models = models
            self.totalSize = totalSize
            self.sharedFraction = sharedFraction
            self.seed = seed
            vocabularySize = 150_000
            realisticHeaderThreshold = 64 << 20
        }
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var manifests = 0
        public var blobs = 0
        public var modelBlobBytes: Int64 = 0
    }

    /// Relative model sizes of a typical local store (GB as Ollama's library ships them).
    static let proportions: [Double] = [5.4, 4.9, 4.7, 4.1, 4.1, 2.2, 1.9, 0.9, 0.27]
    static let families = [
        "llama3.1", "qwen2.5", "mistral", "gemma2", "llava", "phi3", "llama3.2", "deepseek-r1", "nomic-embed-text",
    ]
    static let fileTypes: [(UInt32, String)] = [
        (15, "Q4_K_M"), (7, "Q8_0"), (17, "Q5_K_M"), (2, "Q4_0"), (18, "Q6_K"), (1, "F16"),
    ]

    public let options: Options

    public init(options: Options) { self.options = options }

    /// Writes the store into `root` (which should be empty or absent).
    public func write(to root: URL) throws -> Summary {
        let store = try StoreBuilder(root: root)
        var summary = Summary()
        let media = DemoStore.media
        let templates = try (0..<5).map { i in
            try store.addBlob(
                Array("{{- range .Messages }}<|\(i)|>{{ .Role }}: {{ .Content }}{{ end }}<|assistant|>".utf8),
                mediaType: media("template"))
        }
        let licenses = try ["Apache License 2.0", "MIT License", "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT"].map {
            try store.addBlob(Array("\($0)\n\nGenerated for store-bench.\n".utf8), mediaType: media("license"))
        }
        let params = try (0..<4).map { i in
            try store.addBlob(
                StoreBuilder.compactJSON(
                    [("num_ctx", .integer(Int64(2048 << i))), ("stop", .array([.string("<|end|>")]))],
                    trailingNewline: false), mediaType: media("params"))
        }
        summary.blobs = templates.count + licenses.count + params.count

        let derivedCount = min(options.models - 1, Int(Double(options.models) * max(0, min(1, options.sharedFraction))))
        let primaryCount = max(1, options.models - max(0, derivedCount))
        let weights = (0..<primaryCount).map { Self.proportions[$0 % Self.proportions.count] }
        let totalWeight = weights.reduce(0, +)
        var primaries:
            [(model: StoreBuilder.Descriptor, projector: StoreBuilder.Descriptor?, family: String, fileType: String)] =
                []

        for index in 0..<options.models {
            let name = Self.name(index)
            var layers: [StoreBuilder.Descriptor]
            let family: String
            let fileTypeName: String
            if index < primaryCount {
                family = Self.families[index % Self.families.count]
                let (fileType, typeName) = Self.fileTypes[index % Self.fileTypes.count]
                fileTypeName = typeName
                let budget = Int64(Double(options.totalSize) * weights[index] / totalWeight)
                let model = try writeModel(store, index: index, family: family, fileType: fileType, budget: budget)
                summary.modelBlobBytes += Int64(model.size)
                var projector: StoreBuilder.Descriptor?
                if family == "llava" {
                    projector = try writeModel(
                        store, index: index, family: "clip", fileType: 1, budget: max(4096, budget / 8), projector: true
                    )
                    summary.blobs += 1
                }
                primaries.append((model, projector, family, typeName))
                summary.blobs += 1
                layers = [model] + (projector.map { [$0] } ?? [])
            } else {
                // A derived model: the same weights with its own parameters (ollama create FROM).
                let base = primaries[index % primaries.count]
                family = base.family
                fileTypeName = base.fileType
                layers = [base.model] + (base.projector.map { [$0] } ?? [])
            }
            layers += [
                templates[index % templates.count], licenses[index % licenses.count],
                params[(index / 3) % params.count],
            ]
            let config = try store.addBlob(
                DemoStore.config(family: family, type: "\(1 + index % 70)B", fileType: fileTypeName, layers: layers),
                mediaType: StoreBuilder.dockerConfig)
            summary.blobs += 1
            try store.addManifest(name, config: config, layers: layers, trailingNewline: index >= primaryCount)
            summary.manifests += 1
        }
        return summary
    }

    /// The manifest path of model `index`: most in `library`, some in user namespaces, some from `hf.co`.
    static func name(_ index: Int) -> String {
        let family = families[index % families.count]
        switch index % 10 {
        case 0..<6: return "registry.ollama.ai/library/\(family)/\(1 + index % 70)b-v\(index)"
        case 6..<8: return "registry.ollama.ai/user\(index % 37)/\(family)-custom/v\(index)"
        default:
            let quant = fileTypes[index % fileTypes.count].1
            return "hf.co/org\(index % 23)/\(family.capitalized)-\(index)-GGUF/\(quant)"
        }
    }

    /// A GGUF model blob of about `budget` bytes: a realistic header for a large budget, a tiny one
    /// otherwise, then incompressible data exactly filling its tensors.
    private func writeModel(
        _ store: StoreBuilder, index: Int, family: String, fileType: UInt32, budget: Int64, projector: Bool = false
    ) throws -> StoreBuilder.Descriptor {
        let realistic = budget >= options.realisticHeaderThreshold
        var gguf = GGUFBuilder()
        gguf.includesTensorData = false
        gguf.add("general.architecture", .text(family))
        gguf.add("general.type", .text(projector ? "projector" : "model"))
        gguf.add("general.name", .text("\(family) store-bench \(index)"))
        gguf.add("general.file_type", .uint32(fileType))
        gguf.add("general.quantization_version", .uint32(2))
        gguf.add("\(family).context_length", .uint32(131_072))
        gguf.add("\(family).embedding_length", .uint32(4096))
        gguf.add("\(family).block_count", .uint32(realistic ? 32 : 1))
        gguf.add("\(family).attention.head_count", .uint32(32))
        if !projector {
            gguf.add("tokenizer.ggml.model", .text("gpt2"))
            let vocabulary = Self.vocabulary(realistic ? options.vocabularySize : 64, seed: options.seed)
            gguf.add("tokenizer.ggml.tokens", GGUFValue.strings(vocabulary))
            gguf.add(
                "tokenizer.ggml.token_type",
                GGUFValue.array(of: .int32, vocabulary.indices.map { _ in GGUFValue.int32(1) }))
            if realistic {
                gguf.add(
                    "tokenizer.ggml.merges", GGUFValue.strings(Self.merges(options.vocabularySize * 2 / 3, vocabulary)))
            }
            gguf.add(
                "tokenizer.chat_template", .text("{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}"))
        }
        // Tensors: Q4_K blocks (256 weights in 144 bytes), 9 per layer plus 3, filling the budget.
        let headerEstimate: Int64 = realistic ? Int64(options.vocabularySize) * 40 : 8192
        let tensorCount = realistic ? 32 * 9 + 3 : 3
        let blocksPerTensor = max(1, (budget - headerEstimate) / Int64(tensorCount) / 144)
        let width = min(blocksPerTensor, 16)
        let height = max(1, blocksPerTensor / width)
        for t in 0..<tensorCount {
            let tensorName =
                t < 3
                ? ["token_embd.weight", "output_norm.weight", "output.weight"][t]
                : "blk.\((t - 3) / 9).w\((t - 3) % 9).weight"
            gguf.tensors.append(.init(tensorName, [UInt64(256 * width), UInt64(height)], typeID: 12))
        }
        var header = gguf.build()
        while UInt64(header.count) % gguf.alignment != 0 { header.append(0) }
        let tensorBytes = gguf.tensors.reduce(UInt64(0)) { sum, tensor in
            (sum + GGUFBuilder.byteCount(of: tensor) + gguf.alignment - 1) / gguf.alignment * gguf.alignment
        }
        return try store.addStreamedBlob(
            prefix: header, size: Int64(header.count) + Int64(tensorBytes),
            seed: "\(options.seed)-\(index)-\(projector)",
            mediaType: DemoStore.media(projector ? "projector" : "model"))
    }

    /// `count` distinct token strings, byte-level BPE style.
    static func vocabulary(_ count: Int, seed: String) -> [String] {
        var random = DeterministicBytes(seed: seed + "-vocabulary")
        let letters = Array("abcdefghijklmnopqrstuvwxyzĠ")
        return (0..<count).map { i in
            let length = 1 + Int(random.nextWord() % 7)
            return String((0..<length).map { _ in letters[Int(random.nextWord() % UInt64(letters.count))] })
                + String(i, radix: 36)
        }
    }

    static func merges(_ count: Int, _ vocabulary: [String]) -> [String] {
        (0..<count).map { "\(vocabulary[$0 % vocabulary.count]) \(vocabulary[($0 * 7 + 1) % vocabulary.count])" }
    }
}
