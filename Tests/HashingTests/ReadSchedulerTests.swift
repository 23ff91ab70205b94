import FileIO
import FixtureKit
import Foundation
import Testing

@testable import Hashing

@Suite struct ReadSchedulerTests {
    /// Files of a fake store, and a fake sysfs that calls their disk rotational (or not).
    static func files(rotational: Bool) throws -> (TemporaryDirectory, [String], String) {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<3 {
            try directory.write("blob\(index)", [UInt8](repeating: 1, count: 10 * (index + 1)))
            paths.append(directory.file("blob\(index)"))
        }
        let device = try FileStatus(path: paths[0]).device
        let (major, minor) = BlockDevice.numbers(of: device)
        try directory.writeText("sys/devices/disk/queue/rotational", rotational ? "1\n" : "0\n")
        try FileManager.default.createDirectory(
            atPath: directory.file("sys/dev/block"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("sys/dev/block/\(major):\(minor)"), withDestinationPath: "../../devices/disk")
        return (directory, paths, directory.file("sys"))
    }

    #if os(Linux)
    @Test func oneReaderAtATimeOnARotationalDisk() throws {
        let (directory, paths, sys) = try Self.files(rotational: true)
        _ = directory
        let scheduler = ReadScheduler(order: [2, 1, 0], paths: paths, readersPerRotationalDevice: 1, sysPath: sys)
        #expect(scheduler.take() == 2)
        #expect(scheduler.take() == nil)  // a second worker finds the disk busy and stops
        scheduler.finished(2)
        #expect(scheduler.take() == 1)
        scheduler.finished(1)
        #expect(scheduler.take() == 0)
        scheduler.finished(0)
        #expect(scheduler.take() == nil)
    }
    #endif

    @Test func noLimitOnAnSSDOrWithJobsGiven() throws {
        let (directory, paths, sys) = try Self.files(rotational: false)
        _ = directory
        let ssd = ReadScheduler(order: [2, 1, 0], paths: paths, readersPerRotationalDevice: 1, sysPath: sys)
        #expect([ssd.take(), ssd.take(), ssd.take(), ssd.take()] == [2, 1, 0, nil])
        let (spinning, spinningPaths, spinningSys) = try Self.files(rotational: true)
        _ = spinning
        let given = ReadScheduler(
            order: [0, 1, 2], paths: spinningPaths, readersPerRotationalDevice: nil, sysPath: spinningSys)
        #expect([given.take(), given.take(), given.take()] == [0, 1, 2])
    }

    /// Whatever the limit, every file is hashed, and to the same digests.
    @Test func theLimitChangesTheOrderNotTheResults() throws {
        let (directory, paths, _) = try Self.files(rotational: true)
        _ = directory
        let requests = paths.map { BlobHasher.Request(path: $0, expectedSize: 0) }
        let limited = try BlobHasher(workerCount: 2, readersPerRotationalDevice: 1).hash(requests)
        let free = try BlobHasher(workerCount: 2).hash(requests)
        #expect(limited == free && limited.allSatisfy { if case .hashed = $0 { true } else { false } })
    }
}
