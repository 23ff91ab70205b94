import FixtureKit
import Foundation
import OrderedJSON

/// An Ollama store of random (incompressible) model blobs for hashing benchmarks, shaped like a real one: the
/// model blobs keep the proportions of a typical local store (below), scaled to `totalSize`; each model has its
/// own config blob, and all share one template and one license.
enum RandomBlobStore {
    /// Model names and their blob sizes in GB as Ollama's library ships them (llava also has its projector).
    static let typicalStore: [(name: String, gigabytes: Double, projector: Double?)] = [
        ("gemma2:9b", 5.4, nil), ("llama3.1:8b", 4.9, nil), ("qwen2.5:7b", 4.7, nil), ("mistral:7b", 4.1, nil),
        ("llava:7b", 4.1, 0.62), ("phi3:3.8b", 2.2, nil), ("llama3.2:3b", 1.9, nil), ("qwen2.5:1.5b", 0.9, nil),
        ("nomic-embed-text:latest", 0.27, nil),
    ]

    /// Writes the store; with more `models` than the typical store has, its mix repeats under new tags.
    static func write(to root: URL, totalSize: Int64, models: Int, seed: String) throws {
        let store = try StoreBuilder(root: root)
        let template = try store.addBlob(
            Array("{{ .Prompt }}".utf8), mediaType: "application/vnd.ollama.image.template")
        let license = try store.addBlob(
            Array("Benchmark data, no license needed.\n".utf8), mediaType: "application/vnd.ollama.image.license")
        let chosen = (0..<models).map { typicalStore[$0 % typicalStore.count] }
        let weight = chosen.reduce(0) { $0 + $1.gigabytes + ($1.projector ?? 0) }
        func scaled(_ gigabytes: Double) -> Int64 { max(4096, Int64(Double(totalSize) * gigabytes / weight)) }
        for (index, model) in chosen.enumerated() {
            var layers = [
                try store.addStreamedBlob(
                    prefix: Array("GGUF".utf8), size: scaled(model.gigabytes), seed: "\(seed)-\(index)",
                    mediaType: "application/vnd.ollama.image.model")
            ]
            if let projector = model.projector {
                layers.append(
                    try store.addStreamedBlob(
                        prefix: Array("GGUF".utf8), size: scaled(projector), seed: "\(seed)-\(index)-projector",
                        mediaType: "application/vnd.ollama.image.projector"))
            }
            let config = try store.addBlob(
                StoreBuilder.compactJSON([
                    ("model_format", .string("gguf")), ("model_family", .string("llama")),
                    ("file_type", .string("Q4_K_M")), ("model_type", .string("\(index + 1)B")),
                ]), mediaType: StoreBuilder.dockerConfig)
            let parts = model.name.split(separator: ":")
            let tag = index < typicalStore.count ? String(parts[1]) : "\(parts[1])-\(index / typicalStore.count)"
            try store.addManifest(
                "registry.ollama.ai/library/\(parts[0])/\(tag)", config: config, layers: layers + [template, license])
        }
    }
}
