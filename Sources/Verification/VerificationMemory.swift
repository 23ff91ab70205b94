import FileIO
import Hashing

/// Verifications remembered from earlier runs, which `verify --incremental` trusts instead of reading a blob.
public protocol VerificationMemory: Sendable {
    /// Whether the file with exactly this identity (device, inode, size, mtime, ctime) hashed to `digest`
    /// recently enough to be trusted without reading it.
    func trusts(_ identity: FileIdentity, toHashTo digest: SHA256Digest) -> Bool
}

/// A blob file whose bytes hash to its name, with the identity of the file that was read: what an incremental
/// run remembers, and what it trusted.
public struct VerifiedFile: Sendable, Equatable {
    public var identity: FileIdentity
    public var digest: SHA256Digest
    public var path: String

    public init(identity: FileIdentity, digest: SHA256Digest, path: String) {
        self.identity = identity
        self.digest = digest
        self.path = path
    }
}
