import FileIO
import Foundation
import GRDB
import Hashing
import Verification

/// Where `verify --incremental` remembers which blob files hashed to their names, and when: an SQLite
/// database (through GRDB), outside the store.
///
/// A row is keyed by the file's device and inode and holds its size, mtime and ctime (nanoseconds), the digest
/// its bytes had and when they were hashed. A blob is trusted only while all five are unchanged and the
/// verification is younger than the maximum age. The whole table is read once at open (a store has thousands
/// of blobs, not millions) and written in one transaction per run, in WAL mode, so a killed run leaves the
/// previous state and concurrent runs wait for each other's short write.
///
/// A file that is not a database, is damaged, or has a schema this version does not know is set aside under a
/// new name with a warning and never trusted; a cache that cannot be opened at all (permissions, a lock held
/// too long) is skipped with a warning, and everything is hashed.
public final class VerificationCache: VerificationMemory, Sendable {
    /// The schema this version writes, kept in `PRAGMA user_version`.
    static let schemaVersion = 1

    /// What one row remembers.
    struct Entry: Sendable {
        var identity: FileIdentity
        var digest: SHA256Digest
        var verifiedNanoseconds: Int64
    }

    private struct Key: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    public let path: String
    /// What went wrong with the cache, one line each, for stderr.
    public let warnings: [String]
    private let database: DatabaseQueue?
    private let entries: [Key: Entry]
    private let maxAgeNanoseconds: Int64
    private let now: Int64

    /// `$XDG_CACHE_HOME/ollama-scan/verify.sqlite`, else the platform's cache folder: `~/.cache/ollama-scan/…`
    /// on Linux, `~/Library/Caches/ollama-scan/…` on macOS (an empty or relative `XDG_CACHE_HOME` is ignored, as
    /// the XDG specification says).
    public static func defaultPath(
        environment: [String: String], homeDirectory: String?, convention: CacheConvention = .ofThisPlatform
    ) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return cache + "/ollama-scan/verify.sqlite"
        }
        guard let home = homeDirectory, !home.isEmpty else { return nil }
        switch convention {
        case .xdg: return home + "/.cache/ollama-scan/verify.sqlite"
        case .apple: return home + "/Library/Caches/ollama-scan/verify.sqlite"
        }
    }

    /// Where a platform keeps caches: `~/.cache` (the XDG base directories, Linux) or `~/Library/Caches`
    /// (macOS). An absolute `$XDG_CACHE_HOME` wins on both, for those who set it.
    public enum CacheConvention: Sendable {
        case xdg, apple

        public static var ofThisPlatform: CacheConvention {
            #if os(macOS)
            return .apple
            #else
            return .xdg
            #endif
        }
    }

    /// Opens (or creates) the cache at `path`; never throws: a cache that cannot be used is reported in
    /// `warnings` and trusts nothing.
    /// - Parameters:
    ///   - maxAgeNanoseconds: how old a verification may be and still be trusted.
    ///   - now: the time against which ages are measured and which `save` records, in nanoseconds since the
    ///     epoch: the start of the run.
    public init(path: String, maxAgeNanoseconds: Int64, now: Int64) {
        self.path = path
        self.maxAgeNanoseconds = maxAgeNanoseconds
        self.now = now
        var warnings: [String] = []
        var opened: (DatabaseQueue, [Key: Entry])?
        do {
            opened = try Self.open(path)
        } catch let error as CacheProblem {
            warnings.append(Self.setAside(path, because: error.description))
            opened = try? Self.open(path)
            if opened == nil {
                warnings.append("the verification cache \(path) cannot be created; every blob is hashed")
            }
        } catch {
            warnings.append(
                "the verification cache \(path) cannot be opened (\(Self.message(error))); every blob is hashed")
        }
        database = opened?.0
        entries = opened?.1 ?? [:]
        self.warnings = warnings
    }

    /// How many verifications the cache holds.
    public var count: Int { entries.count }

    public func trusts(_ identity: FileIdentity, toHashTo digest: SHA256Digest) -> Bool {
        guard let entry = entries[Key(device: identity.device, inode: identity.inode)] else { return false }
        let age = now - entry.verifiedNanoseconds
        return entry.identity == identity && entry.digest == digest && age >= 0 && age <= maxAgeNanoseconds
    }

    /// Records what `report` hashed and found good, in one transaction. Trusted blobs keep their earlier time,
    /// so each is read again once it is `maxAge` old.
    /// - Parameter coversStore: the run checked every blob of the store: rows of files of this store that it
    ///   neither hashed nor trusted (deleted or replaced blobs) are dropped.
    public func save(_ report: VerifyReport, coversStore: Bool) throws {
        guard let database else { return }
        let store = report.storePath
        let verifiedAt = now  // when the run started: no later than any hash it did
        try database.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO verified_blob
                        (device, inode, size, mtime_ns, ctime_ns, sha256, verified_at_ns, store, path)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for file in report.verifiedFiles {
                let identity = file.identity
                try insert.execute(arguments: [
                    Int64(bitPattern: identity.device), Int64(bitPattern: identity.inode), identity.size,
                    identity.modifiedNanoseconds, identity.changedNanoseconds, file.digest.hex, verifiedAt, store,
                    file.path,
                ])
            }
            guard coversStore else { return }
            let seen = Set(
                (report.verifiedFiles + report.trustedFiles).map {
                    Key(device: $0.identity.device, inode: $0.identity.inode)
                })
            let rows = try Row.fetchAll(
                db, sql: "SELECT device, inode FROM verified_blob WHERE store = ?", arguments: [store])
            let delete = try db.cachedStatement(sql: "DELETE FROM verified_blob WHERE device = ? AND inode = ?")
            for row in rows {
                let device: Int64 = row["device"]
                let inode: Int64 = row["inode"]
                if !seen.contains(Key(device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode))) {
                    try delete.execute(arguments: [device, inode])
                }
            }
        }
    }

    // MARK: - Opening

    /// Why a cache file is not one this version can trust.
    private struct CacheProblem: Error, CustomStringConvertible {
        var description: String
    }

    private static func open(_ path: String) throws -> (DatabaseQueue, [Key: Entry]) {
        try createParentFolder(of: path)
        var configuration = Configuration()
        configuration.journalMode = .wal
        // Another run may hold the write lock for its one transaction; wait for it rather than fail.
        configuration.busyMode = .timeout(30)
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.write { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version == 0 {
                    let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    guard objects == 0 else { throw CacheProblem(description: "it holds tables of another program") }
                    try db.execute(
                        sql: """
                            CREATE TABLE verified_blob (
                                device INTEGER NOT NULL,
                                inode INTEGER NOT NULL,
                                size INTEGER NOT NULL,
                                mtime_ns INTEGER NOT NULL,
                                ctime_ns INTEGER NOT NULL,
                                sha256 TEXT NOT NULL,
                                verified_at_ns INTEGER NOT NULL,
                                store TEXT NOT NULL,
                                path TEXT NOT NULL,
                                PRIMARY KEY (device, inode)
                            ) WITHOUT ROWID;
                            CREATE INDEX verified_blob_store ON verified_blob (store);
                            PRAGMA user_version = \(schemaVersion);
                            """)
                } else if version != schemaVersion {
                    throw CacheProblem(
                        description: "its schema version is \(version); this ollama-scan knows \(schemaVersion)")
                }
            }
            let check = try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                throw CacheProblem(description: "it is damaged (\(check.first ?? "quick_check failed"))")
            }
            return (database, try database.read(load))
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw CacheProblem(
                description: error.resultCode == .SQLITE_NOTADB
                    ? "it is not an SQLite database" : "it is damaged (\(error.message ?? "corrupt"))")
        }
    }

    /// Every row; one that does not hold what this schema says is a damaged cache.
    private static func load(_ db: Database) throws -> [Key: Entry] {
        var entries: [Key: Entry] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT device, inode, size, mtime_ns, ctime_ns, sha256, verified_at_ns FROM verified_blob")
        while let row = try rows.next() {
            guard let device = row["device"] as Int64?, let inode = row["inode"] as Int64?,
                let size = row["size"] as Int64?,
                let modified = row["mtime_ns"] as Int64?, let changed = row["ctime_ns"] as Int64?,
                let hex = row["sha256"] as String?, let digest = SHA256Digest(hex: hex),
                let verified = row["verified_at_ns"] as Int64?
            else { throw CacheProblem(description: "a row does not hold what the schema says") }
            let identity = FileIdentity(
                device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode), size: size,
                modifiedNanoseconds: modified, changedNanoseconds: changed)
            entries[Key(device: identity.device, inode: identity.inode)] = Entry(
                identity: identity, digest: digest, verifiedNanoseconds: verified)
        }
        return entries
    }

    private static func createParentFolder(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        try Folder.create(parent)
    }

    /// Renames an unusable cache (and its WAL) out of the way; returns the warning that says where it went.
    private static func setAside(_ path: String, because reason: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let aside = "\(path).unusable-\(formatter.string(from: Date()))"
        do {
            try FileSystem.rename(path, to: aside)
        } catch {
            let why = error.errno?.description ?? error.reason
            return
                "the verification cache \(path) is not usable (\(reason)) and cannot be set aside: \(why); every blob is hashed"
        }
        // SQLite's side files go with it, or are gone: a missing one is no problem.
        try? FileSystem.rename(path + "-wal", to: aside + "-wal")
        try? FileSystem.removeIfPresent(path + "-shm")
        return "the verification cache \(path) is not usable (\(reason)); set aside as \(aside), starting a new one"
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? FileIOError { return error.description }
        return "\(error.localizedDescription)"
    }
}
