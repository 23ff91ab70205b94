import ImageWorksRegistry
import FileIO
import Foundation
import Hashing
import OllamaStore
import OrderedJSON
import Verification

/// Merges the GGUF models of a scanned store into an ImageWorks registry, updating entries field by field as
/// the original importer does, so that ImageWorks reads the result as its own; and adds what that importer
/// could not know without the store: exact blob paths, sizes and, with hashing, checksums.
public struct RegistryImporter {
    /// How the import runs.
    public struct Options: Sendable {
        /// `download_location` of imported entries (`--location`, default `linux_wsl`).
        public var location = "linux_wsl"
        /// Verify the blobs and fill `artifacts` (`--hash`).
        public var hash = false
        /// Hashing workers for `hash`.
        public var jobs = BlobHasher.defaultWorkerCount
        /// Blobs read at once per rotational disk under `hash` (nil: no limit).
        public var readersPerRotationalDevice: Int?
        /// Mark the `model-ollama-gguf…` placeholders of the ollama backend deprecated.
        public var deprecatePlaceholders = false
        /// Remove every ollama entry of the ollama source first (curated ones come back at the next load).
        public var purgeExisting = false
        /// "Now" for `downloaded_at` / `last_accessed`.
        public var now = Date()

        /// The defaults of `ollama-scan import`.
        public init() {}
    }

    /// Everything one import did to the registry in memory.
    public struct Result: Sendable {
        /// One per model of the store, in name order.
        public var outcomes: [ImportOutcome]
        /// Entries removed by `--purge-existing`.
        public var purged: [String]
        /// Entries marked deprecated by `--deprecate-placeholders`.
        public var deprecated: [String]
        /// The `--hash` verification, when it ran.
        public var verification: VerifyReport?

        /// Models processed (created, updated, renamed or unchanged): the original's "Imported N".
        public var importedCount: Int { outcomes.filter { if case .skipped = $0.action { false } else { true } }.count }
        /// Whether a blob failed verification under `hash` (its entry got no checksums).
        public var hashFailed: Bool { outcomes.contains { !$0.hashFailures.isEmpty } }
    }

    /// The store the models come from.
    public let scan: StoreScan
    /// How the import runs.
    public var options: Options

    /// An importer of `scan`'s models.
    public init(scan: StoreScan, options: Options = Options()) {
        self.scan = scan
        self.options = options
    }

    /// Imports every model of the store into `registry` (in memory; the caller saves).
    ///
    /// - Parameters:
    ///   - cancellation, progress: passed to the hashing engine under `--hash`.
    /// - Throws: `HashingError` only if libcrypto itself fails.
    public func run(
        on registry: inout Registry, cancellation: HashCancellation = HashCancellation(),
        progress: (@Sendable (ByteProgress) -> Void)? = nil
    ) throws(HashingError) -> Result {
        var result = Result(outcomes: [], purged: [], deprecated: [], verification: nil)
        if options.purgeExisting {
            result.purged = registry.entries.filter { $0.backend == "ollama" && $0.sourceProvider == .string("ollama") }
                .map(\.name)
            registry.removeAll(named: Set(result.purged))
        }

        // Ascending byte order of the name as `ollama list` shows it: the same order on every machine.
        let models = scan.models.sorted {
            Array($0.displayName.utf8).lexicographicallyPrecedes(Array($1.displayName.utf8))
        }
        var importable: [ModelRecord] = []
        var skipped: [String: String] = [:]
        for model in models {
            if let reason = Self.skipReason(model) {
                skipped[model.manifestPath] = reason
            } else {
                importable.append(model)
            }
        }

        var checksums: [String: String] = [:]
        var failures: [String: [String]] = [:]
        if options.hash && !importable.isEmpty {
            let verifier = StoreVerifier(
                scan: scan,
                options: VerifyOptions(
                    workerCount: options.jobs, readersPerRotationalDevice: options.readersPerRotationalDevice))
            let report = try verifier.verify(models: importable, cancellation: cancellation, progress: progress)
            for blob in report.blobs where blob.status == .ok {
                if let digest = blob.actualDigest { checksums[blob.path] = digest.hex }
            }
            // Each model is judged by its own manifest, as `verify` judges it.
            for model in report.models {
                let reasons =
                    model.badBlobs.compactMap { report.blob($0).map { "\($0.path): \($0.status.rawValue)" } }
                    + model.problems + model.wrongSizes.map(\.description)
                if !reasons.isEmpty { failures[model.name] = reasons }
            }
            if report.interrupted {
                for model in importable
                where failures[model.displayName] == nil && !Self.blobPaths(model).allSatisfy({ checksums[$0] != nil })
                {
                    failures[model.displayName] = ["interrupted before its blobs were verified"]
                }
            }
            result.verification = report
        }

        // One timestamp for every entry the run creates, formatted once.
        let now = PythonTimestamp.isoformat(options.now)
        for model in models {
            if let reason = skipped[model.manifestPath] {
                result.outcomes.append(
                    ImportOutcome(model: model.displayName, entry: nil, action: .skipped(reason: reason)))
                continue
            }
            let modelFailures = failures[model.displayName] ?? []
            let artifacts =
                options.hash && modelFailures.isEmpty ? Self.artifacts(for: model, checksums: checksums) : nil
            var outcome = importModel(model, artifacts: artifacts, now: now, into: &registry)
            outcome.hashFailures = modelFailures
            result.outcomes.append(outcome)
        }

        if options.deprecatePlaceholders {
            for var entry in registry.entries
            where entry.backend == "ollama" && entry.isPlaceholder && !entry.deprecated {
                entry.deprecated = true
                registry.put(entry)
                result.deprecated.append(entry.name)
            }
        }
        return result
    }

    /// Why a model is not imported (it has no GGUF model layer, or that layer cannot be used), or nil.
    static func skipReason(_ model: ModelRecord) -> String? {
        if model.status == .invalid && model.configBlob == nil {
            return model.problems.first?.description ?? "invalid manifest"
        }
        if model.isRemote {
            return "cloud model: no GGUF model layer, its weights are on \(model.config?.remoteHost ?? "a remote host")"
        }
        guard let modelLayer = model.modelLayer else {
            return model.layers.contains { $0.mediaType == LayerMediaType.tensor }
                ? "safetensors model: no GGUF model layer" : "no GGUF model layer"
        }
        if let format = model.format, !format.isEmpty, format.lowercased() != "gguf" {
            return "\(format) model: no GGUF model layer"
        }
        switch modelLayer.state {
        case .present: break
        case .missing: return "its model blob \(modelLayer.path ?? modelLayer.digest) is missing"
        case .sizeDiffers(let actual):
            return
                "its model blob \(modelLayer.path ?? "") is \(actual) bytes, the manifest declares \(modelLayer.declaredSize)"
        case .unreadable(let reason): return "its model blob is unusable: \(reason)"
        case .invalidDigest: return "its model layer has an invalid digest"
        }
        for case .unreadableModelGGUF(let error) in model.problems {
            return "its model blob is not readable GGUF (\(error))"
        }
        return nil
    }

    // MARK: - One model

    /// The quant: the tag's token, else what the model's files state (`Quantization`, no guess from the
    /// tensor types); lower case.
    static func quant(for model: ModelRecord, naming: OllamaVariantNaming) -> String? {
        if let tag = naming.tagQuant { return tag }
        return Quantization(fileType: model.ggufHeader?.fileType, config: model.config, acceptingGuess: false)?
            .name.lowercased()
    }

    /// - Parameter now: `options.now` as the registry writes timestamps.
    private func importModel(
        _ model: ModelRecord, artifacts: RegistryEntry.Artifacts?, now: String, into registry: inout Registry
    ) -> ImportOutcome {
        let identifier = model.displayName
        let naming = OllamaVariantNaming(identifier: identifier)
        let quant = Self.quant(for: model, naming: naming)
        let name = naming.variantName(quant: quant)
        let blobPath = model.modelBlob ?? ""
        let files = Self.downloadFiles(model)
        let metadata = Self.metadata(for: model)

        var renamedFrom: String?
        var existing = registry.entry(named: name)
        if existing == nil, quant != nil, let legacy = registry.entry(named: naming.variantName(quant: nil)) {
            registry.remove(named: legacy.name)
            renamedFrom = legacy.name
            existing = legacy
        }

        guard var entry = existing else {
            var entry = RegistryEntry(name: naming.recordDownloadName(quant: quant), backend: "ollama")
            entry.displayName = naming.displayName(quant: quant)
            entry.backendConfig.modelPath = blobPath
            entry.capabilities = Self.capabilities(for: model, name: entry.name)
            if let artifacts { entry.artifacts = artifacts }
            entry.metadata = JSONObject([("created_from_download", .bool(true))] + metadata)
            entry.servedModelID = identifier
            entry.family = .string(naming.family)
            entry.sourceProvider = .string("ollama")
            entry.quantization = JSONValue.optional(quant)
            entry.downloadFormat = .string("gguf")
            entry.downloadLocation = .string(options.location)
            entry.downloadPath = .string(blobPath)
            entry.downloadSizeBytes = .integer(model.size)
            entry.downloadFiles = files.map(JSONValue.string)
            entry.downloadDirectoryChecksum = .string("")
            entry.downloadedAt = .string(now)
            entry.lastAccessed = .string(now)
            registry.put(entry)
            return ImportOutcome(model: identifier, entry: entry.name, action: .created)
        }

        if renamedFrom != nil { entry.name = name }
        let before = entry
        entry.displayName = naming.displayName(quant: quant)
        if let quant { entry.quantization = .string(quant) }
        entry.downloadPath = .string(blobPath)
        entry.downloadFormat = .string("gguf")
        entry.downloadLocation = .string(options.location)
        if model.size != 0 { entry.downloadSizeBytes = .integer(model.size) }
        entry.servedModelID = identifier
        for (key, value) in metadata where entry.metadata[key] == nil && value != .null { entry.metadata[key] = value }
        entry.downloadFiles = files.map(JSONValue.string)
        if let artifacts { entry.artifacts = artifacts }
        registry.put(entry)

        let changed = Self.changedFields(before.jsonValue, entry.jsonValue)
        if let renamedFrom {
            return ImportOutcome(model: identifier, entry: name, action: .renamed(from: renamedFrom, fields: changed))
        }
        return ImportOutcome(
            model: identifier, entry: name, action: changed.isEmpty ? .unchanged : .updated(fields: changed))
    }

    /// The six `ollama_*` metadata values, in the order the original writes them.
    static func metadata(for model: ModelRecord) -> [(String, JSONValue)] {
        let header = model.ggufHeader
        let architecture = header?.architecture ?? model.family.flatMap { $0.isEmpty ? nil : $0 }
        let licenses = model.layers.filter { $0.mediaType == LayerMediaType.license && $0.state == .present }
            .compactMap { $0.path.flatMap { try? ReadOnlyFile.contents(ofFile: $0, limit: 16 << 20) } }
            .map { String(decoding: $0, as: UTF8.self) }
        return [
            ("ollama_architecture", JSONValue.optional(architecture)),
            ("ollama_parameters", JSONValue.optional(model.parameterSize)),
            ("ollama_context_length", JSONValue.optional(header?.contextLength)),
            ("ollama_embedding_length", JSONValue.optional(header?.embeddingLength)),
            ("ollama_capabilities", .array(model.capabilities.map(JSONValue.string))),
            ("ollama_license", licenses.isEmpty ? .null : .string(licenses.joined(separator: "\n"))),
        ]
    }

    /// From the model's own capabilities; the original's guess from the name when its GGUF could not
    /// be read.
    static func capabilities(for model: ModelRecord, name: String) -> JSONObject {
        guard model.ggufHeader != nil else {
            let lower = name.lowercased()
            return JSONObject([
                ("text", .bool(true)),
                ("vision", .bool(["vl", "llava", "qwen2.5-vl", "idefics"].contains { lower.contains($0) })),
                ("embedding", .bool(["siglip", "embed"].contains { lower.contains($0) })),
                ("audio", .bool(false)),
            ])
        }
        let has = Set(model.capabilities)
        return JSONObject([
            ("text", .bool(has.contains("completion"))), ("vision", .bool(has.contains("vision"))),
            ("embedding", .bool(has.contains("embedding"))), ("audio", .bool(has.contains("audio"))),
        ])
    }

    /// The paths of every blob the model references, config first: what `--hash` must have verified.
    static func blobPaths(_ model: ModelRecord) -> [String] {
        model.distinctBlobs.compactMap(\.path)
    }

    /// `download_files`: the blob paths of the model's layers that exist on disk, in manifest order, each
    /// once. Existence comes from the scan's blob states, so no file is looked at again.
    static func downloadFiles(_ model: ModelRecord) -> [String] {
        model.distinctLayers.compactMap { layer in
            switch layer.state {
            case .present, .sizeDiffers: return layer.path
            case .missing, .unreadable, .invalidDigest: return nil
            }
        }
    }

    /// `artifacts` from verified digests, as ImageWorks computes them: files sorted by path; the aggregate is the sha256 of the
    /// lines `<sha256>  <path>`, sorted, joined with `\n`. Nil unless every layer blob was verified.
    static func artifacts(for model: ModelRecord, checksums: [String: String]) -> RegistryEntry.Artifacts? {
        let paths = downloadFiles(model).sorted()
        var files: [RegistryEntry.ArtifactFile] = []
        for path in paths {
            guard let digest = checksums[path] else { return nil }
            files.append(RegistryEntry.ArtifactFile(path: path, sha256: digest))
        }
        let lines = files.map { "\($0.sha256.stringValue!)  \($0.path.stringValue!)" }.sorted().joined(separator: "\n")
        var artifacts = RegistryEntry.Artifacts()
        artifacts.files = files
        artifacts.aggregateSHA256 = (try? SHA256Hasher.digest(of: Array(lines.utf8)).hex) ?? ""
        return artifacts
    }

    /// The top-level keys whose values differ between two typed entries, in schema order.
    static func changedFields(_ a: JSONValue, _ b: JSONValue) -> [String] {
        guard case .object(let x) = a, case .object(let y) = b else { return [] }
        var keys = x.keys
        for key in y.keys where !keys.contains(key) { keys.append(key) }
        return keys.filter { x[$0] != y[$0] }
    }
}
