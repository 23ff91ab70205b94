import FileIO
import FixtureKit
import Foundation
import Hashing
import Testing

@Suite struct HashingCopyTests {
    /// Across many read chunks and several 8 MiB write-behind stretches, and for sizes on and off a chunk's
    /// edge: the copy holds exactly the source's bytes, and the digest is theirs.
    @Test(arguments: [0, 1, 65_536, 20 * (1 << 20) + 12_345])
    func theCopyIsExactAndItsDigestIsTheSources(size: Int) throws {
        let directory = try TemporaryDirectory()
        var random = DeterministicBytes(seed: "hashing-copy-\(size)")
        let bytes = random.next(size)
        try directory.write("source", bytes)
        for writesBehind in [false, true] {
            let target = directory.path + "/copy-\(writesBehind)"
            let output = try NewFile(creating: target, writesBehind: writesBehind)
            var progress: [Int64] = []
            let (digest, copied) = try HashingCopy(bufferSize: 64 << 10).copy(directory.path + "/source", to: output) {
                progress.append($0)
            }
            try output.sync()
            output.close()
            #expect(copied == Int64(size))
            #expect(digest == (try SHA256Hasher.digest(of: bytes)))
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(bytes))
            #expect(progress == progress.sorted() && progress.last == (size == 0 ? nil : Int64(size)))
        }
    }

    @Test func aCancelledCopyStopsWithCancelled() throws {
        let directory = try TemporaryDirectory()
        var random = DeterministicBytes(seed: "hashing-copy-cancel")
        try directory.write("source", random.next(1 << 20))
        let output = try NewFile(creating: directory.path + "/copy")
        defer { output.close() }
        let cancellation = HashCancellation()
        cancellation.cancel()
        #expect(throws: HashingCopy.Failure.cancelled) {
            try HashingCopy(bufferSize: 4096).copy(directory.path + "/source", to: output, cancellation: cancellation)
        }
        #expect(output.size == 0)
    }

    @Test func aMissingSourceIsAReadFailureNamingIt() throws {
        let directory = try TemporaryDirectory()
        let output = try NewFile(creating: directory.path + "/copy")
        defer { output.close() }
        #expect {
            try HashingCopy().copy(directory.path + "/nothing", to: output)
        } throws: { error in
            guard case HashingCopy.Failure.read(let failure) = error else { return false }
            return failure.description.contains(directory.path + "/nothing")
        }
    }
}
