/// One member of a tar archive, as its headers (ustar, pax, GNU long names) describe it together.
///
/// The tar format is written and read here: no tar package is among this project's dependencies, and a
/// bundle needs only regular files and folders, in the forms GNU tar and bsdtar write them.
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        case symbolicLink(target: String)
        case hardLink(target: String)
        /// A device, a FIFO, a sparse file or a type this reader does not know (its type flag).
        case other(flag: UInt8)
    }

    /// The member's path inside the archive, as written (`blobs/sha256-…`, `./manifests/…`).
    public var name: String
    public var kind: Kind
    /// The bytes of data that follow the header.
    public var size: Int64
    /// The modification time, in nanoseconds since the epoch (whole seconds unless a pax header is finer).
    public var modifiedNanoseconds: Int64
    public var mode: UInt32

    public init(name: String, kind: Kind, size: Int64, modifiedNanoseconds: Int64, mode: UInt32 = 0o644) {
        self.name = name
        self.kind = kind
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.mode = mode
    }
}
