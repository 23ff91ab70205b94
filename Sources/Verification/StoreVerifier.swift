import FileIO
import Hashing
import OllamaStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Audits a scanned store: every blob the selected manifests reference is hashed (or size-checked) once,
/// however many models share it, and compared with its content-addressed name and declared size.
///
/// It only reads. Nothing in the store is renamed, deleted or repaired.
public struct StoreVerifier: Sendable {
    public let scan: StoreScan
    public var options: VerifyOptions

    public init(scan: StoreScan, options: VerifyOptions = VerifyOptions()) {
        self.scan = scan
        self.options = options
    }

    /// One distinct blob to check, with everything the manifests say about it.
    struct PlannedBlob {
        var digest: BlobDigest
        var path: String
        var declaredSizes: [Int64]
        /// Every model in the store that uses it, selected or not.
        var models: [String]
        var hashed: Bool
    }

    /// Verifies the blobs of `models` (every model in the scan when nil).
    ///
    /// - Parameters:
    ///   - memory: earlier verifications (`verify --incremental`): a blob whose file identity it trusts for
    ///     its digest is reported `ok`, `cached`, without being read, unless it is in the sample; every other
    ///     blob is hashed. The report lists what this run hashed and found good, for the caller to remember.
    ///   - cancellation: stops the hashing; the report then holds what was checked and is `interrupted`.
    ///   - progress: hashing progress snapshots, a few times a second, on a private queue.
    /// - Throws: `HashingError` only if libcrypto itself fails.
    public func verify(
        models selected: [ModelRecord]? = nil, memory: (any VerificationMemory)? = nil,
        cancellation: HashCancellation = HashCancellation(), progress: (@Sendable (ByteProgress) -> Void)? = nil
    ) throws(HashingError) -> VerifyReport {
        let started = Self.wallClockNanoseconds()
        let clock = ContinuousClock.now
        // Records are large: they are put in name order through their indices, never copied.
        let unsorted = selected ?? scan.models
        let names = unsorted.map(\.displayName)
        let models = unsorted.indices.sorted { names[$0] < names[$1] }.lazy.map { unsorted[$0] }
        let (planned, modelProblems) = makePlan(models)
        var plan = planned

        // With a memory, each blob is trusted or hashed: a sample is then the slice read whatever the memory
        // says, so that every blob is read at least once per N runs. The identity of each file is taken before
        // it is read, to be remembered only if it still holds after.
        var identities = [FileIdentity?](repeating: nil, count: plan.count)
        var trusted = [Bool](repeating: false, count: plan.count)
        if let memory, options.mode == .full {
            for (index, blob) in plan.enumerated() {
                plan[index].hashed = true
                guard let status = try? FileStatus(path: blob.path), status.kind == .regular else { continue }
                let identity = FileIdentity(status)
                identities[index] = identity
                // A remembered identity includes the size, so a trusted blob is good whatever a manifest
                // declares; a wrong declaration fails only its own model, below.
                let inSample = options.sample != nil && blob.hashed
                trusted[index] = !inSample && memory.trusts(identity, toHashTo: blob.digest.sha256)
            }
        }
        let toHash = plan.indices.filter { plan[$0].hashed && !trusted[$0] }
        let hasher = BlobHasher(
            workerCount: options.workerCount, bufferSize: options.bufferSize,
            readersPerRotationalDevice: options.readersPerRotationalDevice)
        let outcomes = try hasher.hash(
            toHash.map { BlobHasher.Request(path: plan[$0].path, expectedSize: plan[$0].declaredSizes[0]) },
            cancellation: cancellation, progress: progress)
        var bytesHashed: Int64 = 0
        var blobs: [BlobVerdict] = []
        var verifiedFiles: [VerifiedFile] = []
        var trustedFiles: [VerifiedFile] = []
        blobs.reserveCapacity(plan.count)
        var position = 0
        for (index, blob) in plan.enumerated() {
            if trusted[index], let identity = identities[index] {
                var verdict = emptyVerdict(blob, hashed: false)
                verdict.cached = true
                verdict.actualSize = identity.size
                verdict.note = linkNote(blob.path)
                blobs.append(verdict)
                trustedFiles.append(VerifiedFile(identity: identity, digest: blob.digest.sha256, path: blob.path))
                continue
            }
            guard blob.hashed else {
                blobs.append(sizeCheck(blob))
                continue
            }
            let outcome = outcomes[position]
            position += 1
            if case .hashed(_, let size) = outcome { bytesHashed += size }
            guard let verdict = verdict(blob, outcome: outcome) else { continue }
            blobs.append(verdict)
            // Remembered only if the file read is still the file stat'ed before: a change in between would
            // otherwise be trusted next time.
            if verdict.status == .ok, let identity = identities[index],
                let after = try? FileStatus(path: blob.path), FileIdentity(after) == identity
            {
                verifiedFiles.append(VerifiedFile(identity: identity, digest: blob.digest.sha256, path: blob.path))
            }
        }
        let elapsed = ContinuousClock.now - clock

        return VerifyReport(
            storePath: scan.root.path, options: options, startedNanoseconds: started,
            finishedNanoseconds: Self.wallClockNanoseconds(),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            bytesHashed: bytesHashed, isIncremental: memory != nil, verifiedFiles: verifiedFiles,
            trustedFiles: trustedFiles, interrupted: cancellation.isCancelled,
            blobs: blobs, models: modelVerdicts(models, blobs: blobs, problems: modelProblems),
            leftovers: scan.leftovers(), unparseableManifests: scan.unparseableManifests)
    }

    // MARK: - Planning

    /// The distinct blobs of `models`, sorted by digest, and each model's problems that no blob explains.
    func makePlan(_ models: some Sequence<ModelRecord>) -> ([PlannedBlob], [String: [String]]) {
        var plan: [PlannedBlob] = []
        var indexByDigest: [BlobDigest: Int] = [:]
        var problems: [String: [String]] = [:]
        for model in models {
            if model.status == .invalid && model.configBlob == nil {
                problems[model.manifestPath, default: []] += model.problems.map(\.description)
                continue
            }
            for blob in model.allBlobs {
                guard let digest = blob.blobDigest, let path = blob.path else {
                    problems[model.manifestPath, default: []].append(
                        "\(LayerMediaType.shortName(blob.mediaType)) has an invalid digest \"\(blob.digest)\"")
                    continue
                }
                if let index = indexByDigest[digest] {
                    if !plan[index].declaredSizes.contains(blob.declaredSize) {
                        plan[index].declaredSizes.append(blob.declaredSize)
                    }
                } else {
                    indexByDigest[digest] = plan.count
                    plan.append(
                        PlannedBlob(
                            digest: digest, path: path, declaredSizes: [blob.declaredSize], models: [],
                            hashed: options.hashes(digest)))
                }
            }
        }
        // A blob's users are every model in the store that references it, not only the selected ones: a
        // damaged blob breaks them all.
        // One name string per model, shared by every blob that lists it.
        for model in scan.models {
            let name = model.displayName
            for blob in model.allBlobs {
                if let digest = blob.blobDigest, let index = indexByDigest[digest] {
                    plan[index].models.append(name)
                }
            }
        }
        for i in plan.indices { plan[i].models = Array(Set(plan[i].models)).sorted() }
        plan.sort { $0.digest < $1.digest }
        return (plan, problems)
    }

    // MARK: - Judging blobs

    /// The verdict for a blob that is not hashed: its presence and size, checked now (not at scan time).
    func sizeCheck(_ blob: PlannedBlob) -> BlobVerdict {
        var verdict = emptyVerdict(blob, hashed: false)
        do {
            let status = try FileStatus(path: blob.path)
            if let irregularity = status.irregularity {
                verdict.status = .unreadable
                verdict.note = irregularity
            } else {
                // Without its bytes, a blob is as good as its size: the size some manifest declares. A manifest
                // that declares another fails its own model, not the blob.
                verdict.actualSize = status.size
                verdict.status = blob.declaredSizes.contains(status.size) ? .ok : .sizeMismatch
            }
        } catch {
            verdict.status = error.isMissingFile ? .missing : .unreadable
            verdict.note = error.isMissingFile ? nil : error.reason
        }
        verdict.note = verdict.note ?? linkNote(blob.path)
        return verdict
    }

    /// The verdict for a hashed blob, or nil if the run was cancelled before it was finished.
    func verdict(_ blob: PlannedBlob, outcome: BlobHasher.Outcome) -> BlobVerdict? {
        var verdict = emptyVerdict(blob, hashed: true)
        switch outcome {
        case .cancelled:
            return nil
        case .notFound:
            verdict.status = .missing
        case .unreadable(let reason):
            verdict.status = .unreadable
            verdict.note = reason
        case .changed(let reason):
            verdict.status = .changed
            verdict.note = reason
        case .hashed(let digest, let size):
            verdict.actualSize = size
            verdict.actualDigest = digest
            // Bytes that hash to the name are good, whatever a manifest declares (a wrong declaration fails only
            // its own model). Otherwise a size no manifest declares explains the wrong digest, and is reported
            // as such, with the digest alongside.
            if digest == blob.digest.sha256 {
                verdict.status = .ok
            } else if !blob.declaredSizes.contains(size) {
                verdict.status = .sizeMismatch
            } else {
                verdict.status = .mismatch
            }
            if digest == .empty { verdict.note = "empty file" }
        }
        verdict.note = verdict.note ?? linkNote(blob.path)
        return verdict
    }

    private func emptyVerdict(_ blob: PlannedBlob, hashed: Bool) -> BlobVerdict {
        BlobVerdict(
            digest: blob.digest, path: blob.path, expectedSize: blob.declaredSizes[0],
            declaredSizes: blob.declaredSizes,
            actualSize: nil, status: .ok, hashed: hashed, actualDigest: nil, note: nil, models: blob.models)
    }

    /// "a symbolic link to <target>" when the blob's name is a link (Ollama never makes one).
    private func linkNote(_ path: String) -> String? {
        guard (try? FileStatus(path: path, followingSymlinks: false))?.kind == .symlink,
            let target = try? SymbolicLink.destination(ofPath: path)
        else { return nil }
        return "a symbolic link to \(target)"
    }

    // MARK: - Judging models

    /// Each model is judged by its own manifest: it fails when one of its blobs is bad, or when it declares a
    /// size that a blob found good (or of a size some other manifest declares) does not have. Its verdict is
    /// then the same whether it is checked alone, with others or with the whole store.
    /// - Parameter blobs: the verdicts, in digest order.
    func modelVerdicts(
        _ models: some Sequence<ModelRecord>, blobs: [BlobVerdict], problems: [String: [String]]
    ) -> [ModelVerdict] {
        return models.map { model in
            let digests = model.distinctBlobs.compactMap(\.blobDigest)
            let verdicts = digests.map { BlobVerdict.find($0, inDigestOrder: blobs) }
            let modelProblems = problems[model.manifestPath] ?? []
            let bad = verdicts.compactMap { $0 }.filter(\.status.isFailure).map(\.digest)
            let wrongSizes = Self.wrongSizes(of: model, blobs: blobs)
            let status: ModelVerdict.Status
            if !bad.isEmpty || !modelProblems.isEmpty || !wrongSizes.isEmpty {
                status = .failed
            } else if verdicts.contains(where: { $0 == nil }) {
                status = .incomplete
            } else if verdicts.contains(where: { $0?.status == .changed }) {
                status = .changed
            } else {
                status = .ok
            }
            return ModelVerdict(
                name: model.displayName, manifestPath: model.manifestPath, status: status, badBlobs: bad,
                problems: modelProblems, wrongSizes: wrongSizes, blobCount: digests.count,
                hashedCount: verdicts.filter { $0?.hashed == true || $0?.cached == true }.count,
                cachedCount: verdicts.filter { $0?.cached == true }.count)
        }
    }

    /// The sizes `model`'s manifest declares for good blobs that have another size, each once, in manifest
    /// order. A bad blob is reported as bad instead, and a blob whose size is unknown proves nothing.
    static func wrongSizes(of model: ModelRecord, blobs: [BlobVerdict]) -> [ModelVerdict.WrongSize] {
        var wrong: [ModelVerdict.WrongSize] = []
        for blob in model.allBlobs {
            guard let digest = blob.blobDigest, let verdict = BlobVerdict.find(digest, inDigestOrder: blobs),
                !verdict.status.isFailure, let actual = verdict.actualSize, actual != blob.declaredSize
            else { continue }
            let size = ModelVerdict.WrongSize(digest: digest, declared: blob.declaredSize, actual: actual)
            if !wrong.contains(size) { wrong.append(size) }
        }
        return wrong
    }

    static func wallClockNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
