import Foundation
import OrderedJSON

/// A store holding one model with a very large number of layers, as `ollama create` writes for a safetensors
/// model (a layer per tensor): for measuring that nothing grows faster than the number of layers.
public enum WideModelStore {
    /// The model's name as the commands take it.
    public static let modelName = "wide:latest"

    /// Writes `library/wide:latest` with `layers` distinct tensor layers (each a few bytes) into `root`.
    public static func write(layers: Int, to root: URL) throws {
        let store = try StoreBuilder(root: root)
        var descriptors: [StoreBuilder.Descriptor] = []
        descriptors.reserveCapacity(layers)
        for index in 0..<layers {
            var layer = try store.addBlob(Array("tensor \(index)\n".utf8), mediaType: DemoStore.media("tensor"))
            layer.name = "model.layers.\(index / 16).weight.\(index % 16)"
            descriptors.append(layer)
        }
        let config = try store.addBlob(
            StoreBuilder.compactJSON([("model_format", .string("safetensors")), ("model_family", .string("wide"))]),
            mediaType: StoreBuilder.dockerConfig)
        try store.addManifest("registry.ollama.ai/library/wide/latest", config: config, layers: descriptors)
    }
}
