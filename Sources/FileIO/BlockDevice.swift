/// What the platform says about the disk a file lives on: whether it is rotational, so that readers do not
/// seek against each other on it.
public enum BlockDevice {
    /// Whether the device `device` (a file's `st_dev`) is a rotational disk; nil when the platform does not
    /// say (macOS, a file system on no block device such as tmpfs or a network share).
    ///
    /// On Linux, `/sys/dev/block/<major>:<minor>` is the device; for a partition its `queue/` is its disk's,
    /// one folder up.
    /// - Parameter sysPath: where sysfs is (tests point it at a fake folder).
    public static func isRotational(device: UInt64, sysPath: String = "/sys") -> Bool? {
        #if os(Linux)
        let (major, minor) = numbers(of: device)
        let base = "\(sysPath)/dev/block/\(major):\(minor)"
        for candidate in [base + "/queue/rotational", base + "/../queue/rotational"] {
            // A sysfs attribute says it is 4096 bytes long whatever it holds.
            guard let bytes = try? ReadOnlyFile.contents(ofFile: candidate, limit: 4096),
                let flag = bytes.first
            else { continue }
            return flag == UInt8(ascii: "1")
        }
        return nil
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
}
