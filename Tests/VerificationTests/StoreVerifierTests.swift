import FixtureKit
import Foundation
import Hashing
import OllamaStore
import OrderedJSON
import Testing
import Verification

/// A copy of `Fixtures/store` to break, and the facts of its one shared model blob.
struct BrokenStore {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/store").path

    let directory: TemporaryDirectory
    /// smollm2's model blob, shared by smollm2:135m, smollm2:latest and smollm2-coder:ctx1k.
    let blobPath: String
    let digest: BlobDigest
    let size: Int64

    init() throws {
        directory = try TemporaryDirectory.copy(of: Self.fixture)
        let scan = try StoreScanner(root: StoreRoot(path: directory.path)).scan()
        let smol = try #require(scan.models.first { $0.displayName == "smollm2:135m" })
        let modelBlob = try #require(smol.modelBlob)
        blobPath = modelBlob
        digest = try #require(BlobDigest(hex: String(modelBlob.suffix(64))))
        size = try #require(smol.layers.first { $0.path == modelBlob }).declaredSize
    }

    var path: String { directory.path }

    func verify(models: [String]? = nil, options: VerifyOptions = VerifyOptions(workerCount: 2)) throws -> VerifyReport
    {
        let scan = try StoreScanner(root: StoreRoot(path: path)).scan()
        let selected = models.map { names in names.flatMap { scan.models(matching: $0) } }
        return try StoreVerifier(scan: scan, options: options).verify(models: selected)
    }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: blobPath))) }

    func replace(with bytes: [UInt8]) throws {
        try FileManager.default.removeItem(atPath: blobPath)
        try Data(bytes).write(to: URL(fileURLWithPath: blobPath))
    }
}

@Suite struct StoreVerifierTests {
    static let sharers = ["smollm2-coder:ctx1k", "smollm2:135m", "smollm2:latest"]

    @Test func fixtureStoreBaseline() throws {
        let store = try BrokenStore()
        let report = try store.verify()
        let counts = report.counts
        // The fixture's one defect is ghost:7b's missing model blob; it also holds an orphan and a partial.
        #expect(counts.missing == 1 && counts.mismatch == 0 && counts.sizeMismatch == 0 && counts.unreadable == 0)
        #expect(counts.orphans == 1 && counts.partials == 1 && counts.changed == 0)
        #expect(counts.ok == report.blobs.count - 1)
        #expect(report.bytesHashed == report.blobs.filter { $0.status == .ok }.reduce(0) { $0 + ($1.actualSize ?? 0) })
        #expect(report.models.filter { $0.status != .ok }.map(\.name) == ["ghost:7b"])
        #expect(!report.passed())
        // Every blob a manifest references is checked once, sorted by digest.
        #expect(report.blobs.map(\.digest.hex) == report.blobs.map(\.digest.hex).sorted())
        #expect(Set(report.blobs.map(\.digest)).count == report.blobs.count)
        let shared = try #require(report.blobs.first { $0.digest == store.digest })
        #expect(shared.models == Self.sharers && shared.status == .ok && shared.hashed)
        #expect(shared.actualDigest?.hex == store.digest.hex)
    }

    @Test func healthyModelsPass() throws {
        let report = try BrokenStore().verify(models: ["smollm2:135m", "alice/embed-mini:Q8_0"])
        #expect(report.passed())
        #expect(report.models.map(\.name) == ["alice/embed-mini:Q8_0", "smollm2:135m"])
        #expect(report.models.allSatisfy { $0.status == .ok && $0.hashedCount == $0.blobCount })
        // Orphans are a fact of the store, failing only when asked to.
        #expect(!report.passed(failOnOrphans: true) && !report.passed(failOnPartials: true))
    }

    /// What each corruption of the shared blob must be reported as (a link to a blob of another size is a
    /// size mismatch; the fixture has no other blob of the same size).
    static let expectedStatus: [BlobCorruption: BlobVerdict.Status] = [
        .flippedByte: .mismatch, .truncated: .sizeMismatch, .zeroFilled: .mismatch, .appendedByte: .sizeMismatch,
        .deleted: .missing, .emptied: .sizeMismatch, .directory: .unreadable, .symlinkToOtherBlob: .sizeMismatch,
    ]

    @Test(arguments: BlobCorruption.allCases)
    func corruptionMatrix(_ corruption: BlobCorruption) throws {
        let store = try BrokenStore()
        let before = try store.verify()
        let baseline = before.counts
        let other = try #require(before.blobs.first { $0.status == .ok && $0.digest != store.digest })
        try corruption.apply(to: store.blobPath, otherBlob: other.path)
        let report = try store.verify()
        let blob = try #require(report.blobs.first { $0.digest == store.digest })
        let status = try #require(Self.expectedStatus[corruption])
        #expect(blob.status == status)
        #expect(blob.models == Self.sharers)
        #expect(report.badBlobs.map(\.path).contains(store.blobPath))
        // Exactly one more bad blob than the fixture's baseline, in the right column.
        var expected = baseline
        expected.ok -= 1
        switch status {
        case .mismatch: expected.mismatch += 1
        case .sizeMismatch: expected.sizeMismatch += 1
        case .missing: expected.missing += 1
        case .unreadable: expected.unreadable += 1
        case .ok, .changed: Issue.record("not a corruption")
        }
        #expect(report.counts == expected)
        for name in Self.sharers {
            let model = try #require(report.models.first { $0.name == name })
            #expect(model.status == .failed && model.badBlobs == [store.digest])
        }
        #expect(
            report.models.filter { $0.status == .failed }.map(\.name).sorted() == (Self.sharers + ["ghost:7b"]).sorted()
        )
        #expect(!report.passed())
        if corruption == .symlinkToOtherBlob {
            #expect(blob.actualDigest?.hex == other.digest.hex && blob.note == "a symbolic link to \(other.path)")
        }
    }

    @Test func anEmptyFileIsCalledOutAsSuch() throws {
        let store = try BrokenStore()
        try store.replace(with: [])
        let blob = try #require(try store.verify().blobs.first { $0.digest == store.digest })
        #expect(blob.actualDigest == .empty && blob.isEmptyFile && blob.actualSize == 0 && blob.note == "empty file")
    }

    @Test func sizeOnlyIsBlindToSameSizeCorruptionButNotToTruncation() throws {
        let store = try BrokenStore()
        try store.replace(with: [UInt8](repeating: 0, count: Int(store.size)))
        var report = try store.verify(options: VerifyOptions(mode: .sizeOnly))
        var blob = try #require(report.blobs.first { $0.digest == store.digest })
        #expect(blob.status == .ok && !blob.hashed && blob.actualDigest == nil)
        #expect(report.bytesHashed == 0 && report.hashedCount == 0)
        try store.replace(with: [1, 2, 3])
        report = try store.verify(options: VerifyOptions(mode: .sizeOnly))
        blob = try #require(report.blobs.first { $0.digest == store.digest })
        #expect(blob.status == .sizeMismatch && blob.actualSize == 3)
        #expect(report.counts.missing == 1)
    }

    @Test func partialsAndOrphansAreCountedNotFailed() throws {
        let store = try BrokenStore()
        let baseline = try store.verify().counts
        let blobs = store.path + "/blobs/"
        let partialHex = String(repeating: "ab", count: 32)
        try Data(count: 100).write(to: URL(fileURLWithPath: blobs + "sha256-\(partialHex)-partial"))
        try Data(count: 10).write(to: URL(fileURLWithPath: blobs + "sha256-\(partialHex)-partial-0"))
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: blobs + "sha256-" + String(repeating: "cd", count: 32)))
        try Data().write(to: URL(fileURLWithPath: blobs + "sha256-123456789"))
        let report = try store.verify(models: ["smollm2:135m"])
        #expect(report.counts.partials == baseline.partials + 1)
        #expect(report.counts.orphans == baseline.orphans + 2)
        #expect(report.passed())
        #expect(!report.passed(failOnPartials: true) && !report.passed(failOnOrphans: true))
        let kinds = Set(report.leftovers.map(\.kind))
        #expect(kinds == [.unreferencedBlob, .partialDownload, .partialDownloadPart, .temporary])
    }

    @Test func anUnparseableManifestFailsItsModel() throws {
        let store = try BrokenStore()
        let manifest = store.path + "/manifests/registry.ollama.ai/library/smollm2/latest"
        try Data([UInt8](repeating: 0, count: 300)).write(to: URL(fileURLWithPath: manifest))
        let report = try store.verify()
        let model = try #require(report.models.first { $0.name == "smollm2:latest" })
        #expect(
            model.status == .failed && model.badBlobs.isEmpty
                && model.problems.first?.hasPrefix("invalid manifest") == true)
        #expect(report.counts.invalidManifests == 1 && report.unparseableManifests == [manifest])
        #expect(!report.passed())
    }

    /// The report without what depends on timing or on the worker count.
    static func stableJSON(_ report: VerifyReport) -> String {
        guard case .object(var object) = report.jsonValue() else { return "" }
        for key in ["started_at", "finished_at", "seconds", "jobs"] { object[key] = nil }
        return JSONWriter.pythonIndented(.object(object))
    }

    @Test func oneWorkerAndFourWorkersGiveTheSameReport() throws {
        let store = try BrokenStore()
        var bytes = try store.bytes()
        bytes[7] ^= 0xff
        try store.replace(with: bytes)
        let one = try store.verify(options: VerifyOptions(workerCount: 1))
        let four = try store.verify(options: VerifyOptions(workerCount: 4, bufferSize: 4096))
        #expect(one.counts.mismatch == 1)
        #expect(Self.stableJSON(one) == Self.stableJSON(four))
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func sampleSlicesCoverEveryBlobExactlyOnce(count: Int) throws {
        let store = try BrokenStore()
        let all = Set(try store.verify().blobs.map(\.digest))
        var seen: [BlobDigest: Int] = [:]
        for index in 1...count {
            let slice = try #require(SampleSlice(index: index, count: count))
            let report = try store.verify(options: VerifyOptions(sample: slice))
            // Every blob is still checked (size only outside the slice); only the slice is hashed.
            #expect(Set(report.blobs.map(\.digest)) == all)
            for blob in report.blobs where blob.hashed { seen[blob.digest, default: 0] += 1 }
            #expect(report.blobs.filter(\.hashed).allSatisfy { slice.contains($0.digest) })
        }
        #expect(Set(seen.keys) == all)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test func sampleParsing() {
        #expect(SampleSlice(parsing: "3/7") == SampleSlice(index: 3, count: 7))
        for bad in ["0/7", "8/7", "7", "a/b", "1/0", "-1/3", "1/2/3", ""] {
            #expect(SampleSlice(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func jsonReportHasTheInterfaceKeysFirst() throws {
        let report = try BrokenStore().verify()
        let object = try #require(report.jsonValue().objectValue)
        #expect(
            Array(object.keys.prefix(9)) == [
                "store", "started_at", "finished_at", "jobs", "bytes_hashed", "seconds", "counts", "blobs", "models",
            ])
        #expect(
            Array(try #require(object["counts"]?.objectValue).keys.prefix(8)) == [
                "ok", "mismatch", "missing", "size_mismatch", "unreadable", "changed", "orphans", "partials",
            ])
        let blob = try #require(object["blobs"]?.arrayValue?.first?.objectValue)
        #expect(Array(blob.keys.prefix(5)) == ["digest", "path", "size", "status", "actual_sha256"])
        let model = try #require(object["models"]?.arrayValue?.first?.objectValue)
        #expect(Array(model.keys.prefix(3)) == ["name", "status", "bad_blobs"])
        let ghost = try #require(object["models"]?.arrayValue?.first { $0["name"]?.stringValue == "ghost:7b" })
        #expect(ghost["status"]?.stringValue == "failed" && ghost["bad_blobs"]?.arrayValue?.count == 1)
    }
}
