import Dispatch
import Foundation
import FileIO
import FixtureKit
import Synchronization
import Testing

@testable import Hashing

@Suite struct ReadSchedulerTests {
    /// Three files, and a fake sysfs whose entry for their disk says it is a spinning SATA drive or an SSD.
    static func files(spinning: Bool) throws -> (TemporaryDirectory, [String], FakeSysfs) {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<3 {
            try directory.write("blob\(index)", [UInt8](repeating: 1, count: 10 * (index + 1)))
            paths.append(directory.file("blob\(index)"))
        }
        let (major, minor) = BlockDevice.numbers(of: try FileStatus(path: paths[0]).device)
        let sys = try FakeSysfs()
        try sys.addDisk(
            "sda", major: Int(major), minor: Int(minor), rotational: spinning, driver: "sd", vendor: "ATA",
            model: spinning ? "ST4000DM004" : "Samsung SSD")
        return (directory, paths, sys)
    }

    #if os(Linux)
    /// Every file is handed out at once, largest first; the files of a spinning disk share its turns.
    @Test func filesOnASpinningDiskShareOneTurn() throws {
        let (directory, paths, sys) = try Self.files(spinning: true)
        _ = directory
        let scheduler = ReadScheduler(order: [2, 1, 0], paths: paths, readersPerRotationalDevice: 1, sysPath: sys.path)
        #expect([scheduler.take(), scheduler.take(), scheduler.take(), scheduler.take()] == [2, 1, 0, nil])
        #expect(scheduler.takesTurns)
        let turns = try #require(scheduler.turns(for: 0))
        #expect(scheduler.turns(for: 1) === turns && scheduler.turns(for: 2) === turns)
    }
    #endif

    @Test func noTurnsOnAnSSDOrWithJobsGiven() throws {
        let (directory, paths, sys) = try Self.files(spinning: false)
        _ = directory
        let ssd = ReadScheduler(order: [2, 1, 0], paths: paths, readersPerRotationalDevice: 1, sysPath: sys.path)
        #expect([ssd.take(), ssd.take(), ssd.take(), ssd.take()] == [2, 1, 0, nil])
        #expect(!ssd.takesTurns && ssd.turns(for: 0) == nil)
        let (spinning, spinningPaths, spinningSys) = try Self.files(spinning: true)
        _ = spinning
        let given = ReadScheduler(
            order: [0, 1, 2], paths: spinningPaths, readersPerRotationalDevice: nil, sysPath: spinningSys.path)
        #expect(!given.takesTurns && given.turns(for: 0) == nil)
    }

    /// However many threads ask, no more reads run at once than the disk allows.
    @Test(arguments: [1, 2]) func turnsLimitTheReadsAtOnce(readers: Int) {
        let turns = ReadTurns(readers: readers)
        let running = Atomic<Int>(0)
        let most = Mutex<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            turns.read {
                let now = running.wrappingAdd(1, ordering: .relaxed).newValue
                most.withLock { $0 = max($0, now) }
                Thread.sleep(forTimeInterval: 0.0002)
                running.wrappingSubtract(1, ordering: .relaxed)
            }
        }
        #expect(most.withLock { $0 } <= readers)
    }

    /// A stream that reads under turns gives the file's bytes, chunk after chunk, even when nothing but the
    /// stream holds its reader any more.
    @Test func aStreamUnderTurnsReadsEveryByte() throws {
        let directory = try TemporaryDirectory()
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try directory.write("blob", bytes)
        let file = try ReadOnlyFile(path: directory.file("blob"))
        defer { file.close() }
        let stream = ReadAhead(bufferSize: 4096, label: "test").stream(
            file, size: Int64(bytes.count), turns: ReadTurns(readers: 1))
        defer { stream.finish() }
        var read: [UInt8] = []
        while case .data(let chunk) = stream.nextChunk() { read += chunk }
        let firstDifference = zip(read, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(read.count == bytes.count && firstDifference == nil)
    }

    /// With turns on a (fake) spinning disk or without, every file is hashed, and to the same digests; the
    /// files are larger than a chunk so that the two workers' reads really take turns.
    @Test func turnsChangeTheTimingNotTheResults() throws {
        let (directory, _, sys) = try Self.files(spinning: true)
        var paths: [String] = []
        for index in 0..<3 {
            let size = ReadScheduler.rotationalChunkSize * 2 + 1000 * index
            try directory.write("large\(index)", (0..<size).map { UInt8(truncatingIfNeeded: $0 &* (index + 3)) })
            paths.append(directory.file("large\(index)"))
        }
        let requests = paths.map { BlobHasher.Request(path: $0, expectedSize: 0) }
        var turning = BlobHasher(workerCount: 2, readersPerRotationalDevice: 1)
        turning.sysPath = sys.path
        #if os(Linux)  // only Linux says which disks spin
        #expect(
            ReadScheduler(order: [0, 1, 2], paths: paths, readersPerRotationalDevice: 1, sysPath: sys.path).takesTurns)
        #endif
        let limited = try turning.hash(requests)
        let free = try BlobHasher(workerCount: 2).hash(requests)
        #expect(limited == free && limited.allSatisfy { if case .hashed = $0 { true } else { false } })
        for (path, outcome) in zip(paths, limited) {
            let expected = try SHA256Hasher.digest(of: try ReadOnlyFile.contents(ofFile: path))
            #expect(outcome == .hashed(expected, size: Int64(try FileStatus(path: path).size)))
        }
    }
}
