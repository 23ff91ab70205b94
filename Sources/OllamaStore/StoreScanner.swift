import FileIO
import GGUF
import Hashing

/// Reads a store's manifests, config blobs and GGUF headers into model records. It only reads: nothing in
/// the store is created, renamed or written.
public final class StoreScanner {
    public let root: StoreRoot
    /// `blobs/` and `manifests/`, built once so that every record shares the two strings.
    private let blobsDirectory: String
    private let manifestsDirectory: String
    private let ggufReader: GGUFReader
    /// Whether model files are read: GGUF headers (quantization, parameters) and templates (capabilities).
    /// Commands that only need manifests, configs and blob paths (verify, du) turn it off.
    private let readsModelFiles: Bool
    /// Whether records keep their parsed GGUF header (`show` needs it; a listing of a large store does not,
    /// and headers are most of a record's memory).
    private let keepsHeaders: Bool

    // Caches: blobs are shared between models, so each is stat'ed, parsed or read once per scan. What every
    // model needs (stat, config) is kept beside the inventory's files, in an array: at 100,000 models,
    // dictionaries keyed by digest (and their doubling as they grew) were most of the scan's memory.
    private var inventory: BlobInventory?
    private var listedBlobs: [ResolvedBlob?] = []
    /// Digests `blobs/` has no file for (missing blobs, mostly).
    private var unlistedBlobs: [BlobDigest: ResolvedBlob] = [:]
    private var headers: [BlobDigest: Result<GGUFHeader, GGUFError>] = [:]
    private var texts: [BlobDigest: String?] = [:]
    private var warnings: [StoreWarning] = []

    struct ScanFailure: Error { var reason: String }

    /// What `stat` said of a blob, and its parsed config once it has been read as one.
    private struct ResolvedBlob {
        var hasLegacyName: Bool
        /// `present` for a regular file of `size` bytes (whatever size a manifest declares), else why not.
        var state: ModelRecord.BlobState
        var size: Int64
        var config: Result<SharedConfig, ScanFailure>?
    }

    public init(
        root: StoreRoot, ggufOptions: GGUFReader.Options = GGUFReader.Options(keptArrayElements: 64),
        readsModelFiles: Bool = true, keepsHeaders: Bool = true
    ) {
        self.root = root
        blobsDirectory = root.blobsPath
        manifestsDirectory = root.manifestsPath
        self.ggufReader = GGUFReader(options: ggufOptions)
        self.readsModelFiles = readsModelFiles
        self.keepsHeaders = keepsHeaders
    }

    /// Scans the whole store.
    /// - Throws: `StoreError` only when `blobs/` or `manifests/` cannot be listed at all.
    public func scan() throws(StoreError) -> StoreScan {
        warnings = []
        let inventory: BlobInventory
        do {
            inventory = try BlobInventory(root: root)
        } catch {
            throw StoreError.unreadable(path: error.path, reason: error.reason)
        }
        self.inventory = inventory
        listedBlobs = Array(repeating: nil, count: inventory.files.count)
        unlistedBlobs = [:]
        let walk: ManifestWalk
        do {
            walk = try ManifestWalk(manifestsDirectory: manifestsDirectory)
        } catch {
            throw StoreError.unreadable(path: error.path, reason: error.reason)
        }
        warnings += walk.warnings
        let candidates = walk.candidates

        var models: [ModelRecord] = []
        models.reserveCapacity(candidates.count)
        var referenced = Array(repeating: false, count: inventory.files.count)
        var unparseable: [String] = []
        for candidate in candidates {
            let name = candidate.name
            let bytes: [UInt8]
            let status: FileStatus
            do {
                let file = try ReadOnlyFile(path: candidate.path)
                defer { file.close() }
                status = try file.status()
                bytes = try file.readAll()
            } catch {
                warnings.append(StoreWarning(path: candidate.path, reason: "unreadable manifest: \(error.reason)"))
                if name.isValid { unparseable.append(candidate.path) }
                continue
            }
            let manifest: Manifest
            do {
                manifest = try Manifest(bytes: bytes)
            } catch {
                if let invalid = name.invalidPart {
                    warnings.append(
                        StoreWarning(
                            path: candidate.path,
                            reason:
                                "invalid model name: \(invalid.part) \(invalid.reason); not a manifest either (\(error))"
                        ))
                    continue
                }
                warnings.append(StoreWarning(path: candidate.path, reason: "invalid manifest: \(error)"))
                unparseable.append(candidate.path)
                models.append(invalidRecord(name: name, bytes: bytes, status: status, error: error))
                continue
            }
            for digest in manifest.referencedDigests {
                if let index = inventory.index(of: digest) { referenced[index] = true }
            }
            if let invalid = name.invalidPart {
                // Ollama skips such a file; its blobs stay protected from pruning because it parses.
                warnings.append(
                    StoreWarning(
                        path: candidate.path, reason: "invalid model name: \(invalid.part) \(invalid.reason); skipped"))
                continue
            }
            models.append(record(name: name, path: candidate.path, manifest: manifest, status: status))
        }
        return StoreScan(
            root: root, models: models, warnings: warnings, inventory: inventory, referencedFiles: referenced,
            unparseableManifests: unparseable)
    }

    // MARK: - Loading what a record is made of

    private func invalidRecord(name: ModelName, bytes: [UInt8], status: FileStatus, error: ManifestError) -> ModelRecord
    {
        ModelRecord(
            name: name, manifestDigest: try? SHA256Hasher.digest(of: bytes), size: 0, uniqueSize: 0,
            modifiedNanoseconds: status.modifiedNanoseconds, manifestSize: status.size,
            manifestsDirectory: manifestsDirectory, sharedConfig: nil,
            configBlob: nil, layers: [], quantization: nil, quantizationSource: nil,
            parameterSize: nil, parameterCount: nil, contextLength: nil, embeddingLength: nil, capabilities: [],
            parentModel: nil, modelLayerIndex: nil, ggufHeader: nil,
            status: .invalid, problems: [.invalidManifest(error)])
    }

    /// Reads what the manifest's blobs hold (config, GGUF headers, template) and derives the record from it.
    private func record(name: ModelName, path: String, manifest: Manifest, status: FileStatus) -> ModelRecord {
        var model = LoadedModel(
            name: name, manifest: manifest, manifestStatus: status, manifestsDirectory: manifestsDirectory,
            configBlob: blob(manifest.config), layers: manifest.layers.map(blob), readsModelFiles: readsModelFiles)

        // The config blob: details, and the quantization Ollama shows.
        if model.configBlob.state == .present {
            switch loadConfig(manifest.config.digest!, path: model.configBlob.path!) {
            case .success(let parsed):
                model.config = parsed
            case .failure(let failure):
                model.configFailure = .unreadableConfig(path: model.configBlob.path!, reason: failure.reason)
                warnings.append(
                    StoreWarning(path: path, reason: "config blob \(manifest.config.digestText): \(failure.reason)"))
            }
        } else {
            warnings.append(
                StoreWarning(path: path, reason: ModelProblem.blob(model.configBlob, role: .config).description))
        }

        // The model GGUF and any projectors, when model files are read and the model is GGUF.
        if readsModelFiles, let modelLayer = model.modelLayer, modelLayer.state == .present,
            model.config?.value.isGGUFFormat ?? true
        {
            model.header = loadHeader(modelLayer.blobDigest!, path: modelLayer.path!)
        }
        for layer in model.layers
        where readsModelFiles && layer.mediaType == LayerMediaType.projector && layer.state == .present {
            model.projectorHeaders.append(loadHeader(layer.blobDigest!, path: layer.path!))
        }
        if readsModelFiles, let template = model.templateLayer, template.state == .present {
            model.template = loadText(template.blobDigest!, path: template.path!)
        }
        return ModelRecord(model, keepingHeader: keepsHeaders)
    }

    /// Finds a descriptor's blob (the `sha256-` name, else the legacy `sha256:` name) and checks it.
    private func blob(_ descriptor: Manifest.Descriptor) -> ModelRecord.Blob {
        var result = ModelRecord.Blob(
            mediaType: descriptor.mediaType, blobDigest: descriptor.digest, digestText: descriptor.digestText,
            declaredSize: descriptor.size,
            from: descriptor.from, name: descriptor.name, state: .invalidDigest)
        guard let digest = descriptor.digest else { return result }
        let entry = resolve(digest)
        result.blobsDirectory = blobsDirectory
        result.hasLegacyName = entry.hasLegacyName
        result.state =
            entry.state == .present && entry.size != descriptor.size ? .sizeDiffers(actual: entry.size) : entry.state
        return result
    }

    /// The blob holding `digest` (the `sha256-` name, else the legacy `sha256:` one, else where Ollama would
    /// write it) and its `stat`, from the cache after the first time.
    private func resolve(_ digest: BlobDigest) -> ResolvedBlob {
        let index = inventory?.index(of: digest)
        if let index, let cached = listedBlobs[index] { return cached }
        if index == nil, let cached = unlistedBlobs[digest] { return cached }
        var hasLegacyName = false
        if let index, case .blob(_, isLegacyName: true) = inventory!.files[index].kind { hasLegacyName = true }
        let path = blobsDirectory + "/" + (hasLegacyName ? digest.legacyBlobFileName : digest.blobFileName)
        var resolved = ResolvedBlob(hasLegacyName: hasLegacyName, state: .present, size: 0)
        do {
            let status = try FileStatus(path: path)
            resolved.size = status.size
            if let irregularity = status.irregularity { resolved.state = .unreadable(reason: irregularity) }
        } catch {
            resolved.state = error.isMissingFile ? .missing : .unreadable(reason: error.reason)
        }
        remember(resolved, for: digest, at: index)
        return resolved
    }

    private func remember(_ resolved: ResolvedBlob, for digest: BlobDigest, at index: Int?) {
        if let index { listedBlobs[index] = resolved } else { unlistedBlobs[digest] = resolved }
    }

    private func loadConfig(_ digest: BlobDigest, path: String) -> Result<SharedConfig, ScanFailure> {
        var resolved = resolve(digest)
        if let cached = resolved.config { return cached }
        let result: Result<SharedConfig, ScanFailure>
        do {
            let bytes = try ReadOnlyFile.contents(ofFile: path, limit: 16 << 20)
            do {
                result = .success(SharedConfig(try ModelConfig(bytes: bytes)))
            } catch {
                result = .failure(ScanFailure(reason: error.description))
            }
        } catch {
            result = .failure(ScanFailure(reason: error.reason))
        }
        resolved.config = result
        remember(resolved, for: digest, at: inventory?.index(of: digest))
        return result
    }

    private func loadHeader(_ digest: BlobDigest, path: String) -> Result<GGUFHeader, GGUFError> {
        if let cached = headers[digest] { return cached }
        let result = Result { () throws(GGUFError) -> GGUFHeader in try ggufReader.readHeader(atPath: path) }
        if keepsHeaders { headers[digest] = result }
        return result
    }

    private func loadText(_ digest: BlobDigest, path: String) -> String? {
        if let cached = texts[digest] { return cached }
        let text = (try? ReadOnlyFile.contents(ofFile: path, limit: 4 << 20)).map {
            String(decoding: $0, as: UTF8.self)
        }
        texts[digest] = text
        return text
    }
}
