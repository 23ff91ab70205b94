/// What the platform says about the disk a file lives on: whether it spins, so that readers do not seek against
/// each other on it.
public enum BlockDevice {
    /// Whether the device `device` (a file's `st_dev`) is a spinning disk; nil when nothing trustworthy says
    /// (macOS, a file system on no block device such as tmpfs or a network share, a virtual disk).
    ///
    /// On Linux, `/sys/dev/block/<major>:<minor>` is the device; for a partition its `queue/` is its disk's,
    /// one folder up. Its `queue/rotational` flag is a fact only where a drive reported it: a SCSI, SATA or
    /// USB disk answers with its rotation rate, and a device-mapper or RAID device spins when all of its
    /// members do. Paravirtual drivers (virtio-blk, Xen's blkfront) and the disks hypervisors emulate set the
    /// flag by default whatever the host stores the image on, so their "1" says nothing; a loop device's
    /// neither.
    /// - Parameter sysPath: where sysfs is (tests point it at a fake folder).
    public static func isRotational(device: UInt64, sysPath: String = "/sys") -> Bool? {
        #if os(Linux)
        let (major, minor) = numbers(of: device)
        guard let disk = diskFolder("\(sysPath)/dev/block/\(major):\(minor)") else { return nil }
        return spins(disk: disk, sysPath: sysPath, depth: 0)
        #else
        return nil
        #endif
    }

    /// glibc's `gnu_dev_major` and `gnu_dev_minor`: the 64-bit `dev_t` keeps 12 bits of major and 20 of minor
    /// in two pieces each.
    public static func numbers(of device: UInt64) -> (major: UInt64, minor: UInt64) {
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & 0xffff_f000)
        let minor = (device & 0xff) | ((device >> 12) & 0xffff_ff00)
        return (major, minor)
    }

    /// Drivers whose rotational flag is a default, not the answer of a drive.
    static let defaultFlagDrivers: Set<String> = ["virtio_blk", "vbd", "xen-blkfront", "loop"]
    /// The vendor or model names of the disks hypervisors emulate (QEMU, VMware, Hyper-V and Azure, Google
    /// Compute Engine, VirtualBox).
    static let emulatedDiskNames = ["QEMU", "VMware", "Msft", "Google", "VBOX", "Virtual"]

    /// The disk's sysfs folder: the device's own when it has a queue, else (a partition) the one above.
    private static func diskFolder(_ device: String) -> String? {
        guard let resolved = try? FileSystem.realPath(device) else { return nil }
        if FileSystem.exists(resolved + "/queue/rotational") { return resolved }
        let parent = FileSystem.folder(of: resolved)
        return FileSystem.exists(parent + "/queue/rotational") ? parent : nil
    }

    private static func spins(disk: String, sysPath: String, depth: Int) -> Bool? {
        guard let flag = attribute(disk + "/queue/rotational") else { return nil }
        // A disk that says it does not spin is believed: hosts clear the flag only when they know.
        guard flag == "1" else { return false }
        let members = (try? DirectoryListing(path: disk + "/slaves"))?.entries.map(\.name) ?? []
        if !members.isEmpty {
            // Stacked devices nest a few levels at most; the bound guards against a looping fake sysfs.
            guard depth < 8 else { return nil }
            for member in members {
                guard let folder = diskFolder("\(sysPath)/class/block/\(member)"),
                    spins(disk: folder, sysPath: sysPath, depth: depth + 1) == true
                else { return nil }
            }
            return true
        }
        guard let driver = try? FileSystem.realPath(disk + "/device/driver"),
            !defaultFlagDrivers.contains(String(driver.split(separator: "/").last ?? ""))
        else { return nil }
        let names = [attribute(disk + "/device/vendor"), attribute(disk + "/device/model")].compactMap { $0 }
        if names.contains(where: { name in emulatedDiskNames.contains { name.hasPrefix($0) } }) { return nil }
        return true
    }

    /// A sysfs attribute's text without its newline and padding.
    private static func attribute(_ path: String) -> String? {
        // A sysfs attribute says it is 4096 bytes long whatever it holds.
        guard let bytes = try? ReadOnlyFile.contents(ofFile: path, limit: 4096) else { return nil }
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        return String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
