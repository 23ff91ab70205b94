import GGUF

extension ModelRecord {
    /// The record of what the scanner loaded: its problems, quantization, parameter size, capabilities and
    /// status, each derived here and nowhere else.
    /// - Parameter keepingHeader: whether the record keeps the parsed GGUF header (`show` needs it).
    init(_ loaded: LoadedModel, keepingHeader: Bool) {
        let config = loaded.config?.value
        var problems: [ModelProblem] = []
        if loaded.configBlob.state != .present {
            problems.append(.blob(loaded.configBlob, role: .config))
        } else if let failure = loaded.configFailure {
            problems.append(failure)
        } else if let config {
            problems += config.problems.map(ModelProblem.configField)
        }
        for (index, layer) in loaded.layers.enumerated() where layer.state != .present {
            problems.append(.blob(layer, role: .layer(index: index, mediaType: layer.mediaType)))
        }

        var header: GGUFHeader?
        switch loaded.header {
        case .success(let read):
            header = read
            problems += read.problems.map(ModelProblem.modelGGUF)
        case .failure(let error):
            problems.append(.unreadableModelGGUF(error))
        case nil:
            break
        }
        var projectorHeaders: [GGUFHeader] = []
        for result in loaded.projectorHeaders {
            switch result {
            case .success(let read): projectorHeaders.append(read)
            case .failure(let error): problems.append(.unreadableProjectorGGUF(error))
            }
        }

        // Quantization: the GGUF's, else the config's; a stated (not guessed) disagreement is a problem.
        let quantization = Quantization(fileType: header?.fileType, config: config)
        if let quantization, quantization.source == .gguf, let configName = Quantization.configName(config),
            configName.uppercased() != quantization.name.uppercased()
        {
            problems.append(.quantizationDisagreement(header: quantization.name, config: configName))
        }

        let parameterCount = header.map(\.parameterCount)
        let hasProjector = loaded.layers.contains { $0.mediaType == LayerMediaType.projector }
        let capabilities = Capabilities.compute(
            .init(
                config: config, modelHeader: header, projectorHeaders: projectorHeaders, hasProjector: hasProjector,
                template: loaded.template))
        let modelIndex = loaded.manifest.modelLayerIndex

        self.init(
            name: loaded.name, manifestDigest: loaded.manifest.digest, size: loaded.manifest.declaredSize,
            uniqueSize: loaded.manifest.uniqueSize, modifiedNanoseconds: loaded.manifestStatus.modifiedNanoseconds,
            manifestSize: loaded.manifestStatus.size, manifestsDirectory: loaded.manifestsDirectory,
            sharedConfig: loaded.config, configBlob: loaded.configBlob, layers: loaded.layers,
            quantization: quantization?.name, quantizationSource: quantization?.source,
            parameterSize: Self.parameterSize(config: config, parameterCount: parameterCount),
            parameterCount: parameterCount,
            contextLength: config?.contextLength ?? header?.contextLength,
            embeddingLength: config?.embeddingLength ?? header?.embeddingLength,
            capabilities: capabilities, parentModel: modelIndex.flatMap { loaded.manifest.layers[$0].from },
            modelLayerIndex: modelIndex, ggufHeader: keepingHeader ? header : nil,
            status: Self.status(loaded, header: header, modelIndex: modelIndex), problems: problems)
    }

    /// Ollama's `parameter_size`: the config's `model_type`, else the GGUF's parameter count formatted as
    /// Ollama formats it.
    static func parameterSize(config: ModelConfig?, parameterCount: UInt64?) -> String? {
        if let type = config?.modelType, !type.isEmpty { return type }
        guard let parameterCount, parameterCount > 0 else { return nil }
        return HumanFormat.number(parameterCount)
    }

    /// The worst state of the model: its manifest or GGUF unusable, then blobs missing, then sizes wrong,
    /// then a cloud stub, then no GGUF to read.
    static func status(_ loaded: LoadedModel, header: GGUFHeader?, modelIndex: Int?) -> Status {
        let blobs = [loaded.configBlob] + loaded.layers
        if case .failure = loaded.header { return .invalid }
        if blobs.contains(where: { $0.state == .invalidDigest }) { return .invalid }
        if blobs.contains(where: \.state.isMissingOrUnusable) { return .missingBlobs }
        if blobs.contains(where: { if case .sizeDiffers = $0.state { true } else { false } }) { return .sizeMismatch }
        if loaded.config?.value.isRemote == true || (loaded.manifest.hasNullLayers && loaded.manifest.layers.isEmpty) {
            return .remote
        }
        if header == nil && (loaded.readsModelFiles || modelIndex == nil) { return .noGGUF }
        return .ok
    }
}
