import OllamaStore

/// Where a store's bytes go: per model, what it declares (Ollama's SIZE), what its distinct blobs occupy,
/// which of them other models share, and what deleting it would free; for the store, each kind of file
/// once.
///
/// Blob bytes are the blobs' real lengths (a blob whose size differs from its manifest counts what it is;
/// a missing one counts nothing). Every model in the store takes part in the sharing, whichever are shown.
public struct DiskUsage: Sendable {
    /// One model's share of the store.
    public struct Model: Sendable {
        public var name: String
        /// The model's manifest, which tells models of the same name in two stores apart.
        public var manifestPath: String
        /// Ollama's SIZE: declared sizes, a repeated digest counted every time.
        public var declaredSize: Int64
        /// Each of its blobs once, as they are on disk.
        public var uniqueBytes: Int64
        /// The part of `uniqueBytes` in blobs that other models use too.
        public var sharedBytes: Int64
        /// The part no other model uses: what deleting the model would free.
        public var exclusiveBytes: Int64 { uniqueBytes - sharedBytes }
        /// Its blobs that other models use too, in digest order.
        public var sharedBlobs: [BlobDigest]
        /// The largest of `sharedBlobs`: usually the weights, when models share them (a tag and its alias,
        /// a model and what was created from it), else a template or license many models carry.
        public var largestSharedBlob: BlobDigest?
        /// How many other models use `largestSharedBlob`.
        public var largestSharedBlobUserCount: Int
        /// The first few of them by name (at most `namedSharingModels`), for the table.
        public var largestSharedBlobUsers: [String]
        /// Blobs its manifest names that are missing or unusable.
        public var missingBlobCount: Int
    }

    /// A blob that two or more models use.
    public struct SharedBlob: Sendable {
        public var digest: BlobDigest
        public var mediaType: String
        public var bytes: Int64
        /// The models using it, by name.
        public var models: [String]
    }

    /// The store's bytes, each file once.
    public struct Totals: Sendable {
        /// The blobs that the models reference, each once.
        public var referencedBytes: Int64 = 0
        public var orphanBytes: Int64 = 0
        public var orphanCount = 0
        /// Bytes the `-partial` files and their part files occupy (a sparse download counts what it has
        /// written so far, not the size it was created at).
        public var partialBytes: Int64 = 0
        public var partialCount = 0
        public var temporaryBytes: Int64 = 0
        public var temporaryCount = 0
        /// Files in `blobs/` whose names are not blob names.
        public var foreignBytes: Int64 = 0
        public var foreignCount = 0
        public var manifestBytes: Int64 = 0
        /// Σ Ollama's SIZE over the models: what adding up `ollama list` gives.
        public var declaredSizeSum: Int64 = 0

        /// Everything above, once.
        public var totalBytes: Int64 {
            referencedBytes + orphanBytes + partialBytes + temporaryBytes + foreignBytes + manifestBytes
        }

        /// How much adding up `ollama list` over-counts the referenced blobs.
        public var overCount: Int64 { declaredSizeSum - referencedBytes }
    }

    /// The models asked for (every model by default), in scan order.
    public var models: [Model]
    /// Every blob used by two or more models of the store, in digest order.
    public var sharedBlobs: [SharedBlob]
    public var totals: Totals
    /// Files at manifest depth 4 that do not parse: while there are any, an orphan may not be one.
    public var unparseableManifests: [String]

    /// The shared blob `digest`, found by binary search in `sharedBlobs`.
    public func sharedBlob(_ digest: BlobDigest) -> SharedBlob? { sharedBlobs.element(withDigest: digest, \.digest) }

    /// How many sharing models a `Model` names in `sharingModels`.
    public static let namedSharingModels = 3

    /// Accounts for `scan`, showing `selected` (every model when nil).
    public init(scan: StoreScan, selected: [ModelRecord]? = nil, leftovers: [LeftoverFile]? = nil) {
        // Each model's distinct blobs with their bytes on disk, and every model that uses each blob.
        var users: [BlobDigest: [Int]] = [:]
        var blobBytes: [BlobDigest: (mediaType: String, bytes: Int64)] = [:]
        let names = scan.models.map(\.displayName)
        var distinct: [[BlobDigest]] = []
        var totals = Totals()
        for (index, model) in scan.models.enumerated() {
            var digests: [BlobDigest] = []
            for blob in model.distinctBlobs {
                let digest = blob.blobDigest!
                digests.append(digest)
                users[digest, default: []].append(index)
                if blobBytes[digest] == nil { blobBytes[digest] = (blob.mediaType, blob.bytesOnDisk) }
            }
            distinct.append(digests)
            totals.declaredSizeSum += model.size
        }
        totals.referencedBytes = blobBytes.values.reduce(0) { $0 + $1.bytes }

        // Each shared blob's users sorted once: the per-model columns then take a prefix, so a license that
        // 100,000 models carry costs one sort, not one per model.
        let sharedBlobs = users.filter { $0.value.count > 1 }.map { digest, indices in
            SharedBlob(
                digest: digest, mediaType: blobBytes[digest]!.mediaType, bytes: blobBytes[digest]!.bytes,
                models: indices.map { names[$0] }.sorted())
        }.sorted { $0.digest < $1.digest }
        self.sharedBlobs = sharedBlobs
        let sharedByDigest = Dictionary(uniqueKeysWithValues: sharedBlobs.indices.map { (sharedBlobs[$0].digest, $0) })

        let wanted = selected.map { Set($0.map(\.manifestPath)) }
        models = scan.models.indices.compactMap { index -> Model? in
            let model = scan.models[index]
            guard wanted?.contains(model.manifestPath) ?? true else { return nil }
            let unique = distinct[index].reduce(0) { $0 + blobBytes[$1]!.bytes }
            let shared = distinct[index].filter { sharedByDigest[$0] != nil }.sorted()
            let largest = shared.max { blobBytes[$0]!.bytes < blobBytes[$1]!.bytes }.map {
                sharedBlobs[sharedByDigest[$0]!]
            }
            let others = (largest?.models.prefix(Self.namedSharingModels + 1) ?? []).filter { $0 != names[index] }
            return Model(
                name: names[index], manifestPath: model.manifestPath, declaredSize: model.size, uniqueBytes: unique,
                sharedBytes: shared.reduce(0) { $0 + blobBytes[$1]!.bytes }, sharedBlobs: shared,
                largestSharedBlob: largest?.digest,
                largestSharedBlobUserCount: max(0, (largest?.models.count ?? 0) - 1),
                largestSharedBlobUsers: Array(others.prefix(Self.namedSharingModels)),
                missingBlobCount: model.allBlobs.filter(\.state.isMissingOrUnusable).count)
        }

        for file in leftovers ?? scan.leftovers() {
            switch file.kind {
            case .unreferencedBlob:
                totals.orphanBytes += file.size ?? 0
                totals.orphanCount += 1
            case .partialDownload, .partialDownloadPart:
                totals.partialBytes += file.occupiedBytes
                if file.kind == .partialDownload { totals.partialCount += 1 }
            case .temporary:
                totals.temporaryBytes += file.size ?? 0
                totals.temporaryCount += 1
            case .foreign:
                totals.foreignBytes += file.size ?? 0
                totals.foreignCount += 1
            }
        }
        totals.manifestBytes = scan.models.reduce(0) { $0 + $1.manifestSize }
        self.totals = totals
        unparseableManifests = scan.unparseableManifests
    }
}

extension ModelRecord.Blob {
    /// The blob's length on disk: the declared size when it matches, the real one when it does not, nothing
    /// when the blob is missing or unusable.
    var bytesOnDisk: Int64 {
        switch state {
        case .present: return declaredSize
        case .sizeDiffers(let actual): return actual
        case .missing, .unreadable, .invalidDigest: return 0
        }
    }
}
