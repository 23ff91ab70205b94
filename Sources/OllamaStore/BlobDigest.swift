/// A blob's content address, `sha256:<64 hex>`, as a manifest names it.
///
/// On disk the blob is `blobs/sha256-<hex>` (Ollama replaces `:` by `-`); stores made before v0.1.30 on macOS
/// and Linux used `sha256:<hex>`. The hex keeps the case it was written with, because the file name does.
public struct BlobDigest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 64 hex characters.
    public let hex: String

    /// Parses a manifest digest, `sha256:<hex>` or `sha256-<hex>` (Ollama's `^sha256[:-][0-9a-fA-F]{64}$`).
    public init?(manifestDigest text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 71, text.hasPrefix("sha256"), utf8[6] == UInt8(ascii: ":") || utf8[6] == UInt8(ascii: "-"),
            utf8[7...].allSatisfy(Self.isHexDigit)
        else { return nil }
        hex = String(text.dropFirst(7))
    }

    /// Parses 64 hex characters.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(Self.isHexDigit) else { return nil }
        self.hex = hex
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// `sha256:<hex>`, the form manifests use.
    public var description: String { "sha256:\(hex)" }

    /// `sha256-<hex>`, the blob's file name.
    public var blobFileName: String { "sha256-\(hex)" }

    /// `sha256:<hex>`, the file name of a blob written before v0.1.30.
    public var legacyBlobFileName: String { "sha256:\(hex)" }

    /// The first 12 hex characters, as `ollama list` shows IDs.
    public var shortForm: String { String(hex.prefix(12)) }

    public static func < (a: BlobDigest, b: BlobDigest) -> Bool { a.hex < b.hex }
}
