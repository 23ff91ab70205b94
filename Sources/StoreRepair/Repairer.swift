import FileIO
import Hashing
import ModelBundle
import OllamaStore
import StoreWriting
import Verification

/// `repair`: verify, then fix what can be fixed. A blob that is corrupt, truncated or the wrong size is moved
/// (never deleted) to the quarantine folder, so that `ollama pull` downloads it again; with sources, each bad
/// or missing blob a source holds is copied in under the write protocol (verified before it gets its name).
/// Then the affected models are verified again and each is reported repaired, needing `ollama pull`, or not
/// repairable and why. A manifest that does not parse is reported, never "repaired" by guessing.
public struct Repairer {
    public let scan: StoreScan
    public var sources: [RepairSource]
    public var quarantine: Quarantine
    public var jobs: Int
    /// Blobs read at once per rotational disk (nil: no limit).
    public var readersPerRotationalDevice: Int?

    public init(
        scan: StoreScan, sources: [RepairSource], quarantine: Quarantine, jobs: Int,
        readersPerRotationalDevice: Int? = nil
    ) {
        self.scan = scan
        self.sources = sources
        self.quarantine = quarantine
        self.jobs = jobs
        self.readersPerRotationalDevice = readersPerRotationalDevice
    }

    /// Repairs `models` (every model when nil); a dry run reports what it would do and writes nothing.
    /// - Throws: `HashingError` only if libcrypto fails.
    public func run(
        models selected: [ModelRecord]?, dryRun: Bool, cancellation: HashCancellation = HashCancellation(),
        progress: (@Sendable (ByteProgress) -> Void)? = nil
    ) throws(HashingError) -> RepairReport {
        let verifier = StoreVerifier(
            scan: scan,
            options: VerifyOptions(workerCount: jobs, readersPerRotationalDevice: readersPerRotationalDevice))
        let verification = try verifier.verify(models: selected, cancellation: cancellation, progress: progress)
        var report = RepairReport(storePath: scan.root.path, dryRun: dryRun)
        let bad = verification.blobs.filter(\.status.isFailure)
        let placer = BlobPlacer(root: scan.root)
        var blobs = bad.map { verdict in
            RepairReport.Blob(
                digest: verdict.digest, problem: verdict.status.rawValue, quarantinedTo: nil, restoredFrom: nil,
                failure: nil, models: verdict.models)
        }
        let sourceOf = findSources(for: Set(bad.map(\.digest)))
        if dryRun {
            for index in blobs.indices {
                if bad[index].status != .missing {
                    blobs[index].quarantinedTo = quarantine.destination(of: bad[index].path)
                }
                blobs[index].restoredFrom = sourceOf[blobs[index].digest]?.source.description
            }
        } else {
            restore(&blobs, paths: bad.map(\.path), sources: sourceOf, placer: placer)
        }
        report.blobs = blobs

        // Each model judged again on its own blobs: those still missing need a pull.
        let stillBad = Set(blobs.filter { $0.restoredFrom == nil }.map(\.digest))
        let repaired = Set(blobs.filter { $0.restoredFrom != nil }.map(\.digest))
        for verdict in verification.models {
            let outcome: RepairReport.Model.Outcome
            if !verdict.problems.isEmpty {
                outcome = .notRepairable(
                    reason: verdict.problems.joined(separator: "; ") + ": fix or remove its manifest, or pull it again")
            } else if let wrong = verdict.wrongSizes.first {
                outcome = .notRepairable(
                    reason: "its manifest is wrong, not a blob (\(wrong.description)): pull it again")
            } else {
                let missing = verdict.badBlobs.filter(stillBad.contains)
                if !missing.isEmpty {
                    outcome = .needsPull(missing: missing)
                } else if verdict.badBlobs.contains(where: repaired.contains) {
                    outcome = .repaired
                } else {
                    outcome = .ok
                }
            }
            report.models.append(RepairReport.Model(name: verdict.name, outcome: outcome))
        }
        if !dryRun { report.models = confirm(report.models, repaired: repaired) }
        return report
    }

    /// Where a good copy of a blob is: its source, and in a store the file found good there.
    private struct Found {
        var source: RepairSource
        var path: String?
    }

    /// The first source that holds a good copy of each digest (a store's copy is verified here, once; a
    /// bundle's is verified as it is extracted).
    private func findSources(for digests: Set<BlobDigest>) -> [BlobDigest: Found] {
        var found: [BlobDigest: Found] = [:]
        for source in sources {
            let wanted = digests.subtracting(found.keys)
            guard !wanted.isEmpty else { break }
            switch source {
            case .store(let root):
                let other = BlobPlacer(root: root)
                for digest in wanted {
                    if let path = other.goodCopy(of: digest) { found[digest] = Found(source: source, path: path) }
                }
            case .bundle(let path):
                guard let listing = try? BundleListing.read(path) else { continue }
                for digest in wanted.intersection(listing.blobs) { found[digest] = Found(source: source, path: nil) }
            }
        }
        return found
    }

    /// Puts each damaged file aside and a good copy in its place. A file with a good copy to come is kept
    /// aside by a second name and then replaced in one rename, so its name is never empty, even if the run is
    /// killed; one without is moved aside, so that `ollama pull` fetches it again.
    private func restore(
        _ blobs: inout [RepairReport.Blob], paths: [String], sources: [BlobDigest: Found], placer: BlobPlacer
    ) {
        var kept = Set<Int>()
        for index in blobs.indices where FileSystem.exists(paths[index]) {
            do {
                if sources[blobs[index].digest] != nil, let link = try? quarantine.keep(paths[index]) {
                    blobs[index].quarantinedTo = link
                    kept.insert(index)
                } else {
                    blobs[index].quarantinedTo = try quarantine.move(paths[index])
                }
            } catch {
                blobs[index].failure = "could not be moved aside: \(error.reason)"
            }
        }
        let placeable = blobs.indices.filter { blobs[$0].failure == nil && sources[blobs[$0].digest] != nil }
        for source in self.sources {
            let mine = placeable.filter { sources[blobs[$0].digest]?.source == source }
            guard !mine.isEmpty else { continue }
            switch source {
            case .store(let root):
                for index in mine {
                    let digest = blobs[index].digest
                    // The copy is hashed as it is written: found good a moment ago is not taken on trust.
                    guard let path = sources[digest]?.path else { continue }
                    do {
                        _ = try placer.place(digest, copying: path, replacing: kept.contains(index))
                        blobs[index].restoredFrom = root.path
                    } catch {
                        blobs[index].failure = "copying it from \(root.path) failed: \(error)"
                    }
                }
            case .bundle(let path):
                do {
                    let outcomes = try BundleBlob.extract(
                        Set(mine.map { blobs[$0].digest }), from: path, into: placer, replacing: true)
                    for index in mine where outcomes[blobs[index].digest] != nil { blobs[index].restoredFrom = path }
                } catch {
                    for index in mine { blobs[index].failure = "the bundle \(path) could not be used: \(error)" }
                }
            }
        }
        // A damaged file kept for a copy that did not come leaves its name now, and so does one at a legacy
        // `sha256:` name whose good copy took the modern name (Ollama would rename it over the good one): their
        // bytes are in quarantine.
        for index in kept where blobs[index].restoredFrom == nil || paths[index] != placer.path(of: blobs[index].digest)
        {
            try? FileSystem.remove(paths[index])
        }
        FileSystem.syncDirectory(scan.root.blobsPath)
    }

    /// Verifies the repaired models' blobs again: a model says "repaired" only when they all hash right now.
    private func confirm(_ models: [RepairReport.Model], repaired: Set<BlobDigest>) -> [RepairReport.Model] {
        let placer = BlobPlacer(root: scan.root)
        let broken = Set(repaired.filter { placer.goodCopy(of: $0) == nil })
        guard !broken.isEmpty else { return models }
        let byName = Dictionary(scan.models.map { ($0.displayName, $0) }, uniquingKeysWith: { a, _ in a })
        return models.map { model in
            guard model.outcome == .repaired, let record = byName[model.name] else { return model }
            let missing = record.distinctBlobs.compactMap(\.blobDigest).filter(broken.contains)
            return missing.isEmpty ? model : RepairReport.Model(name: model.name, outcome: .needsPull(missing: missing))
        }
    }
}
