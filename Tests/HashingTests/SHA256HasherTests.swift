import FileIO
import FixtureKit
import Foundation
import Hashing
import Testing

@Suite struct SHA256HasherTests {
    @Test func knownAnswers() throws {
        #expect(
            try SHA256Hasher.digest(of: []).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            try SHA256Hasher.digest(of: Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            try SHA256Hasher.digest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(try SHA256Hasher.digest(of: []) == SHA256Digest.empty)
    }

    @Test func incrementalUpdatesMatchOneShot() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let hasher = try SHA256Hasher()
        for start in stride(from: 0, to: bytes.count, by: 65_537) {
            try hasher.update(Array(bytes[start..<min(start + 65_537, bytes.count)]))
        }
        let pieces = try hasher.finalize()
        #expect(pieces == (try SHA256Hasher.digest(of: bytes)))
        // reset() starts over on the same context.
        try hasher.reset()
        try hasher.update(Array("abc".utf8))
        #expect(try hasher.finalize().hex.hasPrefix("ba7816bf"))
    }

    /// The engine that reads files (the parallel hasher, the hashing copy) and the one-shot digest agree, so a
    /// platform's hasher is checked on files as well as on known answers.
    @Test func filesHashAsTheirBytesDo() throws {
        let directory = try TemporaryDirectory()
        var random = DeterministicBytes(seed: "files hash as their bytes do")
        let bytes = random.next(3 << 20 + 12345)
        try directory.write("blob", bytes)
        let expected = try SHA256Hasher.digest(of: bytes)
        let outcome = try BlobHasher(workerCount: 2, bufferSize: 1 << 16).hash(
            [BlobHasher.Request(path: directory.file("blob"), expectedSize: Int64(bytes.count))])
        #expect(outcome == [.hashed(expected, size: Int64(bytes.count))])
        let copy = try NewFile(creating: directory.file("copy"))
        let copied = try HashingCopy(bufferSize: 1 << 16).copy(directory.file("blob"), to: copy)
        copy.close()
        #expect(copied.digest == expected && copied.size == Int64(bytes.count))
    }

    @Test func hexParsing() {
        #expect(SHA256Digest(hex: String(repeating: "A", count: 64))?.hex == String(repeating: "a", count: 64))
        #expect(SHA256Digest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(SHA256Digest(hex: "abc") == nil)
    }
}
