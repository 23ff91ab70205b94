import OllamaStore

/// The K-th of N deterministic slices of a store's blobs, chosen by digest, so that a large store can be
/// verified in rotation (`--sample 1/7` on Monday, `2/7` on Tuesday…), as `restic check --read-data-subset`
/// does. Every blob falls in exactly one slice, and stays in it as the store changes.
public struct SampleSlice: Sendable, Equatable, CustomStringConvertible {
    /// 1-based: 1 ≤ `index` ≤ `count`.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    /// Whether `digest` belongs to this slice: its first 64 bits, read as a number, modulo the slice count.
    public func contains(_ digest: BlobDigest) -> Bool {
        Int(digest.sha256.prefix64 % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
