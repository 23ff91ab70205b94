import FixtureKit
import Foundation
import Hashing
import Synchronization
import Testing

@Suite struct BlobHasherTests {
    /// Sizes around the 4 KiB test buffer's boundaries, and a few larger ones.
    static let sizes = [0, 1, 3, 4095, 4096, 4097, 3 * 4096 + 17, 65_536, 1_000_003]

    func writeFiles(in directory: TemporaryDirectory) throws -> [(path: String, bytes: [UInt8])] {
        var random = DeterministicBytes(seed: "blob-hasher")
        return try Self.sizes.enumerated().map { i, size in
            let bytes = random.next(size)
            try directory.write("file-\(i)", bytes)
            return (directory.path + "/file-\(i)", bytes)
        }
    }

    @Test func knownAnswersThroughFiles() throws {
        let dir = try TemporaryDirectory()
        try dir.write("empty", [])
        try dir.write("abc", Array("abc".utf8))
        try dir.write("million", [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        let outcomes = try BlobHasher(workerCount: 2, bufferSize: 4096).hash(
            ["empty", "abc", "million"].map { BlobHasher.Request(path: dir.path + "/" + $0, expectedSize: 0) })
        #expect(
            outcomes == [
                .hashed(
                    SHA256Digest(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")!, size: 0),
                .hashed(
                    SHA256Digest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!, size: 3),
                .hashed(
                    SHA256Digest(hex: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")!,
                    size: 1_000_000),
            ])
    }

    @Test(arguments: [1, 3, 8])
    func multiBufferFilesMatchOneShotDigests(workers: Int) throws {
        let dir = try TemporaryDirectory()
        let files = try writeFiles(in: dir)
        let outcomes = try BlobHasher(workerCount: workers, bufferSize: 4096).hash(
            files.map { BlobHasher.Request(path: $0.path, expectedSize: Int64($0.bytes.count)) })
        #expect(outcomes.count == files.count)
        for (outcome, file) in zip(outcomes, files) {
            #expect(outcome == .hashed(try SHA256Hasher.digest(of: file.bytes), size: Int64(file.bytes.count)))
        }
    }

    @Test func agreesWithOpenSSLCommand() throws {
        let dir = try TemporaryDirectory()
        let files = try writeFiles(in: dir)
        let outcomes = try BlobHasher(workerCount: 2).hash(
            files.map { BlobHasher.Request(path: $0.path, expectedSize: Int64($0.bytes.count)) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha256", "-r"] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl dgst failed; .ci/run installs openssl")
        let expected = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(expected.count == files.count)
        for (outcome, hex) in zip(outcomes, expected) {
            guard case .hashed(let digest, _) = outcome else {
                Issue.record("not hashed: \(outcome)")
                continue
            }
            #expect(digest.hex == hex)
        }
    }

    @Test func missingDirectoryAndFIFOAreReportedNotHashed() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/a-directory", withIntermediateDirectories: false)
        #expect(mkfifo(dir.path + "/a-fifo", 0o644) == 0)
        let outcomes = try BlobHasher(workerCount: 2).hash([
            .init(path: dir.path + "/absent", expectedSize: 10),
            .init(path: dir.path + "/absent-dir/file", expectedSize: 10),
            .init(path: dir.path + "/a-directory", expectedSize: 10),
            .init(path: dir.path + "/a-fifo", expectedSize: 10),
        ])
        #expect(outcomes[0] == .notFound)
        #expect(outcomes[1] == .notFound)
        #expect(outcomes[2] == .unreadable(reason: "a directory is in its place"))
        #expect(outcomes[3] == .unreadable(reason: "not a regular file"))
    }

    /// A sparse file far larger than the test could hash quickly: anything that stops early is visible.
    func hugeSparseFile(in dir: TemporaryDirectory) throws -> String {
        let path = dir.path + "/sparse"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 64 << 30) == 0)
        return path
    }

    @Test func aFileThatShrinksWhileReadIsChangedNotCorrupt() throws {
        let dir = try TemporaryDirectory()
        let path = try hugeSparseFile(in: dir)
        let shrunk = Atomic<Bool>(false)
        let outcomes = try BlobHasher(workerCount: 1, bufferSize: 1 << 16).hash(
            [.init(path: path, expectedSize: 64 << 30)], progressInterval: .milliseconds(5)
        ) { progress in
            if progress.bytesDone > 0 && !shrunk.exchange(true, ordering: .relaxed) { _ = truncate(path, 1 << 20) }
        }
        guard case .changed(let reason) = outcomes[0] else {
            Issue.record("expected changed, got \(outcomes[0])")
            return
        }
        #expect(reason.contains("size changed from \(Int64(64) << 30)"))
    }

    /// The reader runs a chunk ahead; a file whose stream ends early (it shrank) must leave the worker's two
    /// buffers ready for the next file.
    @Test func aWorkerGoesOnCleanlyAfterAStreamEndsEarly() throws {
        let dir = try TemporaryDirectory()
        let path = try hugeSparseFile(in: dir)
        let files = try writeFiles(in: dir)
        let shrunk = Atomic<Bool>(false)
        let outcomes = try BlobHasher(workerCount: 1, bufferSize: 4096).hash(
            [.init(path: path, expectedSize: 64 << 30)]
                + files.map { .init(path: $0.path, expectedSize: Int64($0.bytes.count)) },
            progressInterval: .milliseconds(5)
        ) { progress in
            if progress.bytesDone > 0 && !shrunk.exchange(true, ordering: .relaxed) { _ = truncate(path, 12_345) }
        }
        guard case .changed = outcomes[0] else {
            Issue.record("expected changed, got \(outcomes[0])")
            return
        }
        for (outcome, file) in zip(outcomes.dropFirst(), files) {
            #expect(outcome == .hashed(try SHA256Hasher.digest(of: file.bytes), size: Int64(file.bytes.count)))
        }
    }

    @Test func cancellationStopsWorkersAndMarksUnfinishedFiles() throws {
        let dir = try TemporaryDirectory()
        let path = try hugeSparseFile(in: dir)
        try dir.write("small", [1, 2, 3])
        let cancellation = HashCancellation()
        let last = Mutex<ByteProgress?>(nil)
        let outcomes = try BlobHasher(workerCount: 1).hash(
            [.init(path: dir.path + "/small", expectedSize: 3), .init(path: path, expectedSize: 64 << 30)],
            cancellation: cancellation, progressInterval: .milliseconds(5)
        ) { progress in
            if progress.bytesDone > 0 { cancellation.cancel() }
            last.withLock { $0 = progress }
        }
        // Largest first: the huge file started first and was cancelled; the small one was never reached.
        #expect(outcomes == [.cancelled, .cancelled])
        let final = try #require(last.withLock { $0 })
        #expect(final.bytesDone > 0 && final.bytesDone < 64 << 30)
        #expect(final.bytesTotal == (64 << 30) + 3)
        #expect(final.filesTotal == 2)
    }

    @Test func progressReachesTheTotalAtTheEnd() throws {
        let dir = try TemporaryDirectory()
        let files = try writeFiles(in: dir)
        let last = Mutex<ByteProgress?>(nil)
        _ = try BlobHasher(workerCount: 2, bufferSize: 4096).hash(
            files.map { BlobHasher.Request(path: $0.path, expectedSize: Int64($0.bytes.count)) }
        ) { progress in last.withLock { $0 = progress } }
        let final = try #require(last.withLock { $0 })
        let total = Int64(Self.sizes.reduce(0, +))
        #expect(final.bytesDone == total && final.bytesTotal == total)
        #expect(final.filesDone == files.count && final.filesTotal == files.count)
    }
}
