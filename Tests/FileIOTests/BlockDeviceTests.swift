import FixtureKit
import Testing

@testable import FileIO

@Suite struct BlockDeviceTests {
    @Test func deviceNumbersSplitAsGlibcSplitsThem() {
        #expect(BlockDevice.numbers(of: 0xfe00) == (254, 0))
        #expect(BlockDevice.numbers(of: 0x0801) == (8, 1))
        // A major past 12 bits and a minor past 20 keep their high parts in the upper word.
        // makedev(0x1003, 0x100045), as glibc packs it.
        #expect(BlockDevice.numbers(of: 0x0000_1001_0000_0345) == (0x1003, 0x100045))
        #expect(FakeSysfs.device(major: 0x1003, minor: 0x100045) == 0x0000_1001_0000_0345)
    }

    #if os(Linux)
    static func rotational(_ sys: FakeSysfs, _ major: UInt64, _ minor: UInt64 = 0) -> Bool? {
        BlockDevice.isRotational(device: FakeSysfs.device(major: major, minor: minor), sysPath: sys.path)
    }

    /// A SATA drive's flag is its own answer; a partition's is its disk's, one folder up.
    @Test func aDriveSaysWhetherItSpins() throws {
        let sys = try FakeSysfs()
        try sys.addDisk("sda", major: 8, rotational: true, driver: "sd", vendor: "ATA", model: "WDC WD40EFRX-68N")
        try sys.addPartition("sda1", of: "sda", major: 8, minor: 1)
        try sys.addDisk(
            "sdb", major: 8, minor: 16, rotational: false, driver: "sd", vendor: "ATA", model: "Samsung SSD")
        try sys.addDisk("nvme0n1", major: 259, rotational: false, driver: "nvme")
        #expect(Self.rotational(sys, 8) == true)
        #expect(Self.rotational(sys, 8, 1) == true)
        #expect(Self.rotational(sys, 8, 16) == false)
        #expect(Self.rotational(sys, 259) == false)
        // A file system on no block device (tmpfs, overlay: major 0) says nothing.
        #expect(Self.rotational(sys, 0, 42) == nil)
    }

    /// Paravirtual and emulated disks set the flag by default, whatever the host stores the image on.
    @Test func aVirtualDisksFlagSaysNothing() throws {
        let sys = try FakeSysfs()
        try sys.addDisk("vda", major: 254, rotational: true, driver: "virtio_blk")
        try sys.addDisk("xvda", major: 202, rotational: true, driver: "vbd")
        try sys.addDisk("sda", major: 8, rotational: true, driver: "sd", vendor: "QEMU", model: "QEMU HARDDISK")
        try sys.addDisk(
            "sdb", major: 8, minor: 16, rotational: true, driver: "sd", vendor: "Msft", model: "Virtual Disk")
        try sys.addDisk(
            "sdc", major: 8, minor: 32, rotational: true, driver: "sd", vendor: "ATA", model: "VBOX HARDDISK")
        try sys.addDisk("loop0", major: 7, rotational: true)
        for (major, minor) in [(254, 0), (202, 0), (8, 0), (8, 16), (8, 32), (7, 0)] as [(UInt64, UInt64)] {
            #expect(Self.rotational(sys, major, minor) == nil, "\(major):\(minor)")
        }
        // A virtual disk that says it does not spin is believed.
        try sys.addDisk("vdb", major: 254, minor: 16, rotational: false, driver: "virtio_blk")
        #expect(Self.rotational(sys, 254, 16) == false)
    }

    /// A device-mapper or RAID device spins when every member does.
    @Test func aStackedDeviceSpinsWhenAllItsMembersDo() throws {
        let sys = try FakeSysfs()
        try sys.addDisk("sda", major: 8, rotational: true, driver: "sd", vendor: "ATA", model: "ST4000DM004")
        try sys.addPartition("sda2", of: "sda", major: 8, minor: 2)
        try sys.addDisk("sdb", major: 8, minor: 16, rotational: true, driver: "sd", vendor: "ATA", model: "ST4000DM004")
        try sys.addDisk("vda", major: 254, rotational: true, driver: "virtio_blk")
        try sys.addDisk("md0", major: 9, rotational: true, members: ["sda2", "sdb"])
        try sys.addDisk("dm-0", major: 253, rotational: true, members: ["md0"])
        try sys.addDisk("dm-1", major: 253, minor: 1, rotational: true, members: ["sdb", "vda"])
        #expect(Self.rotational(sys, 9) == true)
        #expect(Self.rotational(sys, 253) == true)
        #expect(Self.rotational(sys, 253, 1) == nil)
        // Members that name each other (never in a real sysfs) end the walk instead of looping.
        try sys.addDisk("dm-2", major: 253, minor: 2, rotational: true, members: ["dm-3"])
        try sys.addDisk("dm-3", major: 253, minor: 3, rotational: true, members: ["dm-2"])
        #expect(Self.rotational(sys, 253, 2) == nil)
    }
    #endif
}
