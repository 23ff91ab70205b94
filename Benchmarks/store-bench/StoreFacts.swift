import FixtureKit
import Foundation
import OllamaStore

/// What the measurements need to know about a store, read once through the library: the manifest and config
/// files (the scan's floor), the model blobs with their header sizes (the header floor), and every file.
struct StoreFacts {
    struct ModelBlob {
        var path: String
        var headerBytes: Int64
    }

    var manifests: [String] = []
    var configs: [String] = []
    var blobs: [String] = []
    var modelBlobs: [ModelBlob] = []
    var blobBytes: Int64 = 0
    var scanBytes: Int64 = 0
    var headerBytes: Int64 = 0
    /// The model with the largest model blob, for the single-stream figure.
    var largestModel: (name: String, blobPath: String, blobBytes: Int64)?
    /// That model's files relative to the store (its blobs, then its manifest), as `pack` bundles them.
    var largestModelFiles: [String] = []

    var allFiles: [String] { manifests + blobs }

    init(path: String) throws {
        let scan = try StoreScanner(root: StoreRoot(path: path)).scan()
        var seenConfigs = Set<String>()
        var seenModels = Set<String>()
        for model in scan.models {
            manifests.append(model.manifestPath)
            if let config = model.configBlob?.path, seenConfigs.insert(config).inserted { configs.append(config) }
            if let blob = model.modelBlob, let header = model.ggufHeader, seenModels.insert(blob).inserted {
                modelBlobs.append(ModelBlob(path: blob, headerBytes: Int64(header.dataOffset)))
            }
            if let layer = model.layers.last(where: { $0.mediaType == LayerMediaType.model }), let blob = layer.path,
                layer.declaredSize > largestModel?.blobBytes ?? 0
            {
                largestModel = (model.displayName, blob, layer.declaredSize)
                var files: [String] = []
                for path in model.distinctBlobs.compactMap(\.path) + [model.manifestPath] where !files.contains(path) {
                    files.append(String(path.dropFirst(scan.root.path.count + 1)))
                }
                largestModelFiles = files
            }
        }
        for file in scan.inventory.files where !file.isDirectory {
            blobs.append(file.path)
            blobBytes +=
                ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.int64Value ?? 0
        }
        for file in manifests + configs {
            scanBytes +=
                ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber)?.int64Value ?? 0
        }
        headerBytes = modelBlobs.reduce(0) { $0 + $1.headerBytes }
    }
}
