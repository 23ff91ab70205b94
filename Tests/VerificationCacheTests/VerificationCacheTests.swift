import FileIO
import FixtureKit
import Foundation
import GRDB
import Hashing
import OllamaStore
import Testing
import Verification
import VerificationCache

/// A store of a few models and a cache file beside it (never inside it).
struct CachedStore {
    let directory: TemporaryDirectory
    var root: StoreRoot { StoreRoot(path: directory.path + "/store") }
    var cachePath: String { directory.path + "/cache/verify.sqlite" }
    var blobs: [String] = []
    var totalBytes: Int64 = 0
    static let day: Int64 = 86_400 * 1_000_000_000
    static let thirtyDays = 30 * day

    init() throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: URL(fileURLWithPath: directory.path + "/store"))
        var random = DeterministicBytes(seed: "cached store")
        let license = try store.addBlob(Array("MIT".utf8), mediaType: "application/vnd.ollama.image.license")
        var all = [license]
        for index in 0..<3 {
            let model = try store.addBlob(
                random.next(200_000 + index * 1000), mediaType: "application/vnd.ollama.image.model")
            let config = try store.addBlob(
                Array(#"{"model_format":"gguf","n":\#(index)}"#.utf8), mediaType: StoreBuilder.dockerConfig)
            try store.addManifest(
                "registry.ollama.ai/library/m\(index)/latest", config: config, layers: [model, license])
            all += [model, config]
        }
        blobs = all.map { directory.path + "/store/blobs/sha256-" + $0.digest.dropFirst(7) }
        totalBytes = all.reduce(0) { $0 + Int64($1.size) }
    }

    /// One `verify --incremental` run: the report, and what the hashing engine read (files and bytes).
    func run(now: Int64, maxAge: Int64 = thirtyDays, sample: SampleSlice? = nil, save: Bool = true) throws -> (
        report: VerifyReport, filesRead: Int, bytesRead: Int64, warnings: [String]
    ) {
        let cache = VerificationCache(path: cachePath, maxAgeNanoseconds: maxAge, now: now)
        let scan = try StoreScanner(root: root, readsModelFiles: false).scan()
        let last = LastProgress()
        let report = try StoreVerifier(scan: scan, options: VerifyOptions(sample: sample, workerCount: 2))
            .verify(memory: cache, progress: { last.value = $0 })
        if save { try cache.save(report, coversStore: true) }
        let progress = try #require(last.value)
        return (report, progress.filesTotal, progress.bytesDone, cache.warnings)
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }
}

/// The hashing engine's last progress report: its own count of files handed to it and bytes it read.
final class LastProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ByteProgress?
    var value: ByteProgress? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

@Suite struct VerificationCacheTests {
    @Test func unchangedBlobsAreNotReadAgain() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        let first = try store.run(now: now)
        #expect(first.filesRead == store.blobs.count)
        #expect(first.bytesRead == store.totalBytes)
        #expect(first.report.verifiedFiles.count == store.blobs.count)
        #expect(first.warnings.isEmpty)

        let second = try store.run(now: now + 1_000_000_000)
        #expect(second.filesRead == 0)
        #expect(second.bytesRead == 0)
        #expect(second.report.blobs.allSatisfy { $0.status == .ok && $0.cached && !$0.hashed })
        #expect(second.report.cachedCount == store.blobs.count)
        #expect(second.report.cachedBytes == store.totalBytes)
        #expect(second.report.passed())
        #expect(second.report.models.allSatisfy { $0.cachedCount == $0.blobCount })
    }

    /// A touched blob (new mtime), a replaced one (new inode) and one rewritten in place with its mtime put
    /// back (only its ctime tells) are read again; the last is caught as a mismatch.
    @Test func aTouchedReplacedOrRewrittenBlobIsHashedAgain() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        _ = try store.run(now: now)

        let touched = store.blobs[1], replaced = store.blobs[3], rewritten = store.blobs[5]
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: touched)
        let copy = replaced + ".copy"
        try FileManager.default.copyItem(atPath: replaced, toPath: copy)
        #expect(rename(copy, replaced) == 0)
        let modified = try #require(
            try FileManager.default.attributesOfItem(atPath: rewritten)[.modificationDate] as? Date)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: rewritten))
        bytes[10] ^= 1
        try bytes.write(to: URL(fileURLWithPath: rewritten))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: rewritten)

        let run = try store.run(now: now + 1_000_000_000)
        #expect(run.filesRead == 3)
        let hashed = Set(run.report.blobs.filter(\.hashed).map(\.path))
        #expect(hashed == [touched, replaced, rewritten])
        #expect(run.report.blobs.first { $0.path == rewritten }?.status == .mismatch)
        #expect(run.report.blobs.filter(\.cached).count == store.blobs.count - 3)
    }

    @Test func verificationsExpireAfterTheMaximumAge() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        _ = try store.run(now: now)
        #expect(try store.run(now: now + 29 * CachedStore.day).filesRead == 0)
        #expect(try store.run(now: now + 31 * CachedStore.day).filesRead == store.blobs.count)
        // Re-hashed at day 31, so trusted again from there; a maximum age of 0 trusts nothing.
        #expect(try store.run(now: now + 32 * CachedStore.day, save: false).filesRead == 0)
        #expect(try store.run(now: now + 32 * CachedStore.day, maxAge: 0, save: false).filesRead == store.blobs.count)
    }

    /// With a memory, a sample is the slice read whatever the cache says; the other blobs are trusted, never
    /// only size-checked, and every blob is read once over the N slices.
    @Test func aSampleIsReadWhateverTheCacheSays() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        _ = try store.run(now: now)
        var readOverAllSlices: Set<String> = []
        for k in 1...3 {
            let slice = try #require(SampleSlice(parsing: "\(k)/3"))
            let run = try store.run(now: now, sample: slice)
            let read = run.report.blobs.filter(\.hashed)
            #expect(run.filesRead == read.count)
            #expect(read.allSatisfy { slice.contains($0.digest) })
            #expect(run.report.blobs.filter { !$0.hashed }.allSatisfy { $0.cached && !slice.contains($0.digest) })
            readOverAllSlices.formUnion(read.map(\.path))
        }
        #expect(readOverAllSlices == Set(store.blobs))
    }

    @Test func aFailedBlobIsNeverRemembered() throws {
        let store = try CachedStore()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store.blobs[1]))
        bytes[0] ^= 1
        try bytes.write(to: URL(fileURLWithPath: store.blobs[1]))
        let now = CachedStore.now()
        let first = try store.run(now: now)
        #expect(first.report.verifiedFiles.count == store.blobs.count - 1)
        let second = try store.run(now: now + 1_000_000_000)
        #expect(second.filesRead == 1)
        #expect(second.report.blobs.first { $0.path == store.blobs[1] }?.status == .mismatch)
    }

    @Test func rowsOfRemovedBlobsAreDroppedByAWholeStoreRun() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        _ = try store.run(now: now)
        #expect(
            VerificationCache(path: store.cachePath, maxAgeNanoseconds: CachedStore.thirtyDays, now: now).count
                == store.blobs.count)
        try FileManager.default.removeItem(atPath: store.root.manifestsPath + "/registry.ollama.ai/library/m2")
        _ = try store.run(now: now)
        #expect(
            VerificationCache(path: store.cachePath, maxAgeNanoseconds: CachedStore.thirtyDays, now: now).count == store
                .blobs.count - 2)
    }

    static let unusable: [String] = ["garbage", "truncated", "schema 99", "foreign tables"]

    /// A cache that is not ours to trust is set aside with a warning, everything is hashed, and a new cache
    /// is started that the next run trusts.
    @Test(arguments: unusable)
    func anUnusableCacheIsSetAsideNeverTrusted(_ kind: String) throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        _ = try store.run(now: now)
        let path = store.cachePath
        switch kind {
        case "garbage":
            try Data(repeating: 0x5A, count: 10_000).write(to: URL(fileURLWithPath: path))
        case "truncated":
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try bytes.prefix(bytes.count / 2 + 100).write(to: URL(fileURLWithPath: path))
        case "schema 99":
            try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        default:
            try FileManager.default.removeItem(atPath: path)
            try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        }
        let run = try store.run(now: now)
        #expect(run.filesRead == store.blobs.count, "\(kind): nothing may be trusted")
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.contains("set aside as \(path).unusable-") == true, "\(run.warnings)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: store.directory.path + "/cache").filter {
            $0.contains(".unusable-") && !$0.hasSuffix("-wal")
        }
        #expect(aside.count == 1)
        let next = try store.run(now: now)
        #expect(next.warnings.isEmpty)
        #expect(next.filesRead == 0)
    }

    /// A cache whose folder cannot be made is skipped with a warning that names the path and why; nothing is
    /// trusted and nothing is saved.
    @Test func aCacheThatCannotBeCreatedIsSkippedWithTheReason() throws {
        let directory = try TemporaryDirectory()
        try directory.write("file", [1])
        let cache = VerificationCache(
            path: directory.path + "/file/sub/verify.sqlite", maxAgeNanoseconds: CachedStore.thirtyDays,
            now: CachedStore.now())
        #expect(cache.count == 0)
        #expect(
            cache.warnings == [
                "the verification cache \(directory.path)/file/sub/verify.sqlite cannot be opened (\(directory.path)/file: cannot create: not a directory); every blob is hashed"
            ])
    }

    /// Runs that save at the same time wait for each other; the cache stays whole and complete.
    @Test func concurrentRunsDoNotCorruptTheCache() throws {
        let store = try CachedStore()
        let now = CachedStore.now()
        let scan = try StoreScanner(root: store.root, readsModelFiles: false).scan()
        let report = try StoreVerifier(scan: scan, options: VerifyOptions(workerCount: 1))
            .verify(memory: VerificationCache(path: store.cachePath, maxAgeNanoseconds: 0, now: now))
        let failures = Failures()
        let path = store.cachePath
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let cache = VerificationCache(path: path, maxAgeNanoseconds: CachedStore.thirtyDays, now: now)
            do {
                try cache.save(report, coversStore: true)
            } catch {
                failures.add("\(error)")
            }
            if !cache.warnings.isEmpty { failures.add(cache.warnings.joined()) }
        }
        #expect(failures.all.isEmpty)
        let check = try DatabaseQueue(path: store.cachePath).read {
            try String.fetchAll($0, sql: "PRAGMA integrity_check")
        }
        #expect(check == ["ok"])
        #expect(try store.run(now: now).filesRead == 0)
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(
            VerificationCache.defaultPath(environment: ["XDG_CACHE_HOME": "/c"], homeDirectory: "/h", convention: .xdg)
                == "/c/ollama-scan/verify.sqlite")
        #expect(
            VerificationCache.defaultPath(environment: ["XDG_CACHE_HOME": "rel"], homeDirectory: "/h", convention: .xdg)
                == "/h/.cache/ollama-scan/verify.sqlite")
        #expect(
            VerificationCache.defaultPath(environment: [:], homeDirectory: "/h", convention: .xdg)
                == "/h/.cache/ollama-scan/verify.sqlite")
        #expect(VerificationCache.defaultPath(environment: [:], homeDirectory: nil) == nil)
        #if os(Linux)
        #expect(VerificationCache.CacheConvention.ofThisPlatform == .xdg)
        #endif
    }

    /// macOS keeps caches in ~/Library/Caches; an absolute $XDG_CACHE_HOME still wins there.
    @Test func theAppleConventionUsesLibraryCaches() {
        #expect(
            VerificationCache.defaultPath(environment: [:], homeDirectory: "/Users/u", convention: .apple)
                == "/Users/u/Library/Caches/ollama-scan/verify.sqlite")
        #expect(
            VerificationCache.defaultPath(
                environment: ["XDG_CACHE_HOME": "/c"], homeDirectory: "/Users/u", convention: .apple)
                == "/c/ollama-scan/verify.sqlite")
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
