import Foundation

/// A folder laid out like the part of Linux's sysfs that says which disks spin: `dev/block/<major>:<minor>`
/// links to each device's folder, with its `queue/rotational` flag, its driver link, its vendor and model, and
/// its members when it is stacked. Tests of the rotational check point it here instead of at `/sys`.
public final class FakeSysfs {
    private let directory: TemporaryDirectory
    public var path: String { directory.path }

    public init() throws { directory = try TemporaryDirectory(prefix: "fake-sysfs") }

    /// Adds a disk with its flag (written as sysfs reports it: padded to 4096 bytes), and, when given, the
    /// driver its `device/driver` link names and the drive's vendor and model.
    public func addDisk(
        _ name: String, major: Int, minor: Int = 0, rotational: Bool, driver: String? = nil,
        vendor: String? = nil, model: String? = nil, members: [String] = []
    ) throws {
        let folder = "devices/\(name)"
        try directory.write(
            "\(folder)/queue/rotational",
            Array((rotational ? "1\n" : "0\n").utf8) + [UInt8](repeating: 0, count: 4094))
        if let driver {
            try makeFolder("bus/drivers/\(driver)")
            try makeFolder("\(folder)/device")
            try link("\(folder)/device/driver", to: "../../../bus/drivers/\(driver)")
        }
        if let vendor {
            try directory.writeText(
                "\(folder)/device/vendor", vendor.padding(toLength: 8, withPad: " ", startingAt: 0) + "\n")
        }
        if let model {
            try directory.writeText(
                "\(folder)/device/model", model.padding(toLength: 16, withPad: " ", startingAt: 0) + "\n")
        }
        try makeFolder("\(folder)/slaves")
        for member in members { try link("\(folder)/slaves/\(member)", to: "../../\(member)") }
        try makeFolder("class/block")
        try link("class/block/\(name)", to: "../../\(folder)")
        try makeFolder("dev/block")
        try link("dev/block/\(major):\(minor)", to: "../../\(folder)")
    }

    /// Adds a partition of a disk added before: its folder is inside the disk's and has no queue of its own.
    public func addPartition(_ name: String, of disk: String, major: Int, minor: Int) throws {
        try makeFolder("devices/\(disk)/\(name)")
        try link("class/block/\(name)", to: "../../devices/\(disk)/\(name)")
        try link("dev/block/\(major):\(minor)", to: "../../devices/\(disk)/\(name)")
    }

    /// The device number a file on `major:minor` has (glibc's `makedev`).
    public static func device(major: UInt64, minor: UInt64) -> UInt64 {
        (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12) | ((major & ~0xfff) << 32)
    }

    private func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: directory.file(relative), withIntermediateDirectories: true)
    }

    private func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: directory.file(relative), withDestinationPath: destination)
    }
}
