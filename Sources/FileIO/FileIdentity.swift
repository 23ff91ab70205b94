/// A file's identity for change detection: a rewrite in place changes the size, mtime or ctime (which no
/// user-level call can set back), a rename over it changes the inode.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64 = 0
    public var inode: UInt64 = 0
    /// -1 for "no file".
    public var size: Int64 = -1
    public var modifiedNanoseconds: Int64 = 0
    public var changedNanoseconds: Int64 = 0

    /// The identity of no file: equal to no real file's.
    public init() {}

    public init(device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
    }

    public init(_ status: FileStatus) {
        self.init(
            device: status.device, inode: status.inode, size: status.size,
            modifiedNanoseconds: status.modifiedNanoseconds,
            changedNanoseconds: status.changedNanoseconds)
    }
}
