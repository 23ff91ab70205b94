import FixtureKit
import Foundation
import OllamaStore
import StoreWriting
import Testing

@Suite struct PrunerTests {
    static let hour: Int64 = 3_600_000_000_000
    var now: Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }

    /// Every file below `blobs/` and `manifests/`: its bytes (or a link's target) and mtime.
    static func snapshot(_ root: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for folder in ["blobs", "manifests"] {
            for relative in try FileManager.default.subpathsOfDirectory(atPath: root + "/" + folder) {
                let path = root + "/" + folder + "/" + relative
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    files[folder + "/" + relative] = "link to " + target
                    continue
                }
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                files[folder + "/" + relative] =
                    "\(bytes.hashValue) \(bytes.count) \((attributes[.modificationDate] as! Date).timeIntervalSince1970)"
            }
        }
        return files
    }

    /// The files a manifest references, by name in `blobs/`.
    static func referencedFiles(_ store: CareStore) -> Set<String> {
        Set(store.descriptors.values.joined().map { "blobs/sha256-" + $0.digest.dropFirst(7) })
    }

    func scan(_ store: CareStore) throws -> StoreScan {
        try StoreScanner(root: store.root, readsModelFiles: false).scan()
    }

    @Test func aDryRunDeletesNothingAndSaysWhatItWould() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let before = try Self.snapshot(store.directory.path)
        let plan = try Pruner(scan: scan(store)).plan(now: now)
        #expect(try Self.snapshot(store.directory.path) == before)
        let deletions = plan.filter { $0.action == .delete }.map { $0.file.kind }
        #expect(deletions.sorted { $0.rawValue < $1.rawValue } == [.temporary, .unreferencedBlob])
        #expect(plan.first { $0.file.kind == .foreign }?.action == .keep(reason: "not a blob name: never deleted"))
        #expect(
            plan.filter { $0.file.kind.isPartial }.allSatisfy {
                $0.action.reason?.contains("--include-partials") == true
            })
    }

    @Test func applyDeletesOrphansAndTempFilesAndNothingElse() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let before = try Self.snapshot(store.directory.path)
        let statuses = try scan(store).models.map { "\($0.displayName) \($0.status)" }.sorted()
        let pruner = Pruner(scan: try scan(store))
        let result = pruner.apply(try pruner.plan(now: now), now: now)
        let after = try Self.snapshot(store.directory.path)
        let orphan = "blobs/sha256-" + store.orphan.digest.dropFirst(7)
        #expect(Set(before.keys).subtracting(after.keys) == [orphan, "blobs/sha256-8675309"])
        for (path, state) in after { #expect(before[path] == state, "\(path) changed") }
        for path in Self.referencedFiles(store)
        where FileManager.default.fileExists(atPath: store.directory.path + "/" + path) {
            #expect(after[path] != nil, "\(path) is referenced")
        }
        // What was freed: the orphan's 77 bytes and the temp file's 10.
        let freed = result.compactMap { decision -> Int64? in
            if case .deleted(let bytes) = decision.action { return bytes }
            return nil
        }
        #expect(freed.sorted() == [Int64(store.temporaryBytes), 77])
        // The store still scans as before, every model intact.
        #expect(try scan(store).models.map { "\($0.displayName) \($0.status)" }.sorted() == statuses)
    }

    @Test func partialsGoOnlyWhenIncluded() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let pruner = Pruner(scan: try scan(store), options: PruneOptions(includesPartials: true))
        _ = pruner.apply(try pruner.plan(now: now), now: now)
        let left = try FileManager.default.contentsOfDirectory(atPath: store.directory.path + "/blobs")
        #expect(!left.contains { $0.contains("-partial") } && left.contains("notes.txt"))
    }

    @Test func nothingYoungerThanTheGracePeriod() throws {
        let store = try CareStore()
        let before = try Self.snapshot(store.directory.path)
        let pruner = Pruner(scan: try scan(store), options: PruneOptions(includesPartials: true))
        let plan = try pruner.plan(now: now)
        #expect(plan.allSatisfy { $0.action != .delete })
        #expect(
            plan.filter { $0.file.kind == .unreferencedBlob }.allSatisfy {
                $0.action.reason!.contains("within the grace period (1h)")
            })
        _ = pruner.apply(plan, now: now)
        #expect(try Self.snapshot(store.directory.path) == before)
        // With no grace at all, the fresh orphan goes.
        let eager = Pruner(scan: try scan(store), options: PruneOptions(gracePeriodNanoseconds: 0))
        #expect(try eager.plan(now: now).filter { $0.action == .delete }.count == 2)
    }

    /// A blob only an unparseable manifest references cannot be told from an orphan: no prune at all.
    @Test func anUnparseableManifestStopsEverything() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        try StoreBuilder(root: store.directory.url).addManifestFile(
            "registry.ollama.ai/library/broken/latest", bytes: Array("{not json".utf8))
        #expect { try Pruner(scan: scan(store)).plan(now: now) } throws: { error in
            "\(error)".contains("refusing to prune")
                && "\(error)".contains("manifests/registry.ollama.ai/library/broken/latest")
        }
        // A depth-4 file with an invalid name that is not JSON does not block (Ollama skips it too).
        try FileManager.default.removeItem(
            atPath: store.directory.path + "/manifests/registry.ollama.ai/library/broken/latest")
        try StoreBuilder(root: store.directory.url).addManifestFile(
            "registry.ollama.ai/library/broken/.DS_Store", bytes: [0, 1, 2])
        #expect(try Pruner(scan: scan(store)).plan(now: now).contains { $0.action == .delete })
    }

    /// A pull that finishes between the listing and the deletion: its manifest now references the "orphan".
    @Test func aManifestAddedMeanwhileSavesItsBlob() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let pruner = Pruner(scan: try scan(store))
        let plan = try pruner.plan(now: now)
        let config = store.descriptors["big:1b"]![0]
        let result = pruner.apply(plan, now: now) { file in
            guard file.kind == .unreferencedBlob else { return }
            try! StoreBuilder(root: store.directory.url).addManifest(
                "registry.ollama.ai/library/late/latest", config: config, layers: [store.orphan])
        }
        #expect(result.first { $0.file.kind == .unreferencedBlob }?.action == .skipped(reason: "referenced now"))
        #expect(
            FileManager.default.fileExists(
                atPath: store.directory.path + "/blobs/sha256-" + store.orphan.digest.dropFirst(7)))
        #expect(result.first { $0.file.kind == .temporary }?.action.name == "deleted")
    }

    /// A manifest that stops parsing mid-run stops the deletions that remain.
    @Test func aManifestBrokenMeanwhileStopsTheRest() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let pruner = Pruner(scan: try scan(store))
        let result = pruner.apply(try pruner.plan(now: now), now: now) { _ in
            try? StoreBuilder(root: store.directory.url).addManifestFile(
                "registry.ollama.ai/library/torn/latest", bytes: Array(#"{"schemaVersion":2,"#.utf8))
        }
        #expect(result.filter { $0.action.name == "stopped" }.count == 2)
        #expect(result.allSatisfy { $0.action.name != "deleted" })
        let report = PruneReport(
            storePath: store.directory.path, applied: true, options: PruneOptions(), ollamaProcesses: [],
            decisions: result)
        #expect(report.stopReason?.contains("a manifest stopped parsing") == true)
        #expect(report.stopReason?.contains("library/torn/latest") == true)
    }

    @Test func aFileTouchedSinceTheScanIsKept() throws {
        let store = try CareStore()
        try store.age(by: 7200)
        let pruner = Pruner(scan: try scan(store))
        let orphanPath = store.directory.path + "/blobs/sha256-" + store.orphan.digest.dropFirst(7)
        let result = pruner.apply(try pruner.plan(now: now), now: now) { file in
            if file.path == orphanPath {
                try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: orphanPath)
            }
        }
        #expect(result.first { $0.file.path == orphanPath }?.action == .skipped(reason: "modified since the scan"))
        #expect(FileManager.default.fileExists(atPath: orphanPath))
    }

    /// Legacy `sha256:` names: a referenced one stays (and so does a second name of a referenced digest), an
    /// unreferenced one goes.
    @Test func legacyNamesAreJudgedByTheirDigest() throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        let config = try store.addBlob(
            Array(#"{"model_format":"gguf"}"#.utf8), mediaType: StoreBuilder.dockerConfig, legacyName: true)
        let model = try store.addBlob(Array("weights".utf8), mediaType: CareStore.media("model"), legacyName: true)
        try store.addBlob(Array("weights".utf8), mediaType: CareStore.media("model"))
        let stale = try store.addBlob(Array("stale".utf8), mediaType: CareStore.media("model"), legacyName: true)
        try store.addManifest("registry.ollama.ai/library/old/latest", config: config, layers: [model])
        try TemporaryDirectory.age(directory.path, by: 7200)
        let scan = try StoreScanner(root: StoreRoot(path: directory.path)).scan()
        let pruner = Pruner(scan: scan)
        let result = pruner.apply(try pruner.plan(now: now), now: now)
        #expect(result.map(\.file.path) == [directory.path + "/blobs/sha256:" + stale.digest.dropFirst(7)])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/blobs"))
        #expect(
            left == [
                "sha256:" + config.digest.dropFirst(7), "sha256:" + model.digest.dropFirst(7),
                "sha256-" + model.digest.dropFirst(7),
            ])
    }

    /// A referenced blob that is a symbolic link to another file in `blobs/` keeps that file; a link that no
    /// manifest references goes, and its target stays.
    @Test func symbolicLinksNeverTakeAReferencedBlobWithThem() throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        let config = try store.addBlob(Array(#"{"model_format":"gguf"}"#.utf8), mediaType: StoreBuilder.dockerConfig)
        let weights = Array("the weights".utf8)
        let model = StoreBuilder.descriptor(for: weights, mediaType: CareStore.media("model"))
        // The weights live under an unreferenced blob name; the referenced name is a link to it.
        let hidden = String(repeating: "e", count: 64)
        try store.addBlobsFile(named: "sha256-\(hidden)", bytes: weights)
        let blobs = directory.path + "/blobs/"
        try FileManager.default.createSymbolicLink(
            atPath: blobs + "sha256-" + model.digest.dropFirst(7), withDestinationPath: "sha256-\(hidden)")
        // An unreferenced link to the config.
        let dangling = String(repeating: "f", count: 64)
        try FileManager.default.createSymbolicLink(
            atPath: blobs + "sha256-\(dangling)", withDestinationPath: blobs + "sha256-" + config.digest.dropFirst(7))
        try store.addManifest("registry.ollama.ai/library/linked/latest", config: config, layers: [model])
        try TemporaryDirectory.age(directory.path, by: 7200)

        let scan = try StoreScanner(root: StoreRoot(path: directory.path), readsModelFiles: false).scan()
        #expect(scan.models.first?.status == .ok)
        let pruner = Pruner(scan: scan)
        let plan = try pruner.plan(now: now)
        #expect(
            plan.first { $0.file.path.hasSuffix(hidden) }?.action.reason?.contains("the same file as referenced blob")
                == true)
        _ = pruner.apply(plan, now: now)
        #expect(FileManager.default.fileExists(atPath: blobs + "sha256-\(hidden)"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: blobs + "sha256-\(dangling)")) == nil)
        #expect(
            try StoreScanner(root: StoreRoot(path: directory.path), readsModelFiles: false).scan().models.first?.status
                == .ok)
        #expect(FileManager.default.fileExists(atPath: blobs + "sha256-" + config.digest.dropFirst(7)))
    }

    @Test(arguments: ["90s|90", "30m|1800", "1h|3600", "2d|172800", "1w|604800", "1h30m|5400", "0|0"])
    func graceDurations(_ pair: String) {
        let parts = pair.split(separator: "|").map(String.init)
        #expect(HumanFormat.durationNanoseconds(parsing: parts[0]) == Int64(parts[1])! * 1_000_000_000)
    }

    @Test(arguments: ["", "h", "1", "1x", "-1h", "1.5h", "99999999999999999999d", "1h 30m"])
    func badGraceDurations(_ text: String) {
        #expect(HumanFormat.durationNanoseconds(parsing: text) == nil)
    }

    @Test func graceFormats() {
        #expect(HumanFormat.duration(nanoseconds: 5400 * 1_000_000_000) == "1h30m")
        #expect(HumanFormat.duration(nanoseconds: PruneOptions.ollamaGracePeriodNanoseconds) == "1h")
        #expect(HumanFormat.duration(nanoseconds: 0) == "0s")
    }
}
