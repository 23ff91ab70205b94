import FixtureKit
import Foundation
import Testing

@testable import FileIO

@Suite struct BlockDeviceTests {
    @Test func deviceNumbersSplitAsGlibcSplitsThem() {
        #expect(BlockDevice.numbers(of: 0xfe00) == (254, 0))
        #expect(BlockDevice.numbers(of: 0x0801) == (8, 1))
        // A major past 12 bits and a minor past 20 keep their high parts in the upper word.
        // makedev(0x1003, 0x100045), as glibc packs it.
        #expect(BlockDevice.numbers(of: 0x0000_1001_0000_0345) == (0x1003, 0x100045))
    }

    #if os(Linux)
    /// A disk's flag is its own; a partition's is its disk's, one folder up from the partition's link.
    @Test func theRotationalFlagComesFromSysfs() throws {
        let sys = try TemporaryDirectory()
        // sysfs says every attribute is 4096 bytes long: a file of that length must still be read.
        try sys.write("devices/vda/queue/rotational", Array("1\n".utf8) + [UInt8](repeating: 0, count: 4094))
        try sys.writeText("devices/nvme0n1/queue/rotational", "0\n")
        try FileManager.default.createDirectory(atPath: sys.file("devices/vda/vda1"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sys.file("dev/block"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: sys.file("dev/block/254:0"), withDestinationPath: "../../devices/vda")
        try FileManager.default.createSymbolicLink(
            atPath: sys.file("dev/block/254:1"), withDestinationPath: "../../devices/vda/vda1")
        try FileManager.default.createSymbolicLink(
            atPath: sys.file("dev/block/259:0"), withDestinationPath: "../../devices/nvme0n1")
        #expect(BlockDevice.isRotational(device: 0xfe00, sysPath: sys.path) == true)
        #expect(BlockDevice.isRotational(device: 0xfe01, sysPath: sys.path) == true)
        #expect(BlockDevice.isRotational(device: 0x10300, sysPath: sys.path) == false)
        // A file system on no block device (tmpfs, overlay: major 0) says nothing.
        #expect(BlockDevice.isRotational(device: 0x2a, sysPath: sys.path) == nil)
    }
    #endif
}
