import Hashing

/// A blob's content address, `sha256:<64 hex>`, as a manifest names it.
///
/// On disk the blob is `blobs/sha256-<hex>` (Ollama replaces `:` by `-`); stores made before v0.1.30 on macOS
/// and Linux used `sha256:<hex>`. The hex keeps the case it was written with, because the file name does:
/// the value is the 32 bytes plus one bit per hex character that was an upper-case letter, all inline, so a
/// scan of 100,000 models holds no string per digest.
public struct BlobDigest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The SHA-256 the blob's content must have.
    public let sha256: SHA256Digest
    /// Bit `i` (from the most significant) is set when hex character `i` was written in upper case.
    private let upperCaseLetters: UInt64

    /// Parses a manifest digest, `sha256:<hex>` or `sha256-<hex>` (Ollama's `^sha256[:-][0-9a-fA-F]{64}$`).
    public init?(manifestDigest text: String) {
        let utf8 = text.utf8
        guard utf8.count == 71, text.hasPrefix("sha256"),
            utf8.dropFirst(6).first == UInt8(ascii: ":") || utf8.dropFirst(6).first == UInt8(ascii: "-")
        else { return nil }
        self.init(hexDigits: utf8.dropFirst(7))
    }

    /// Parses 64 hex characters.
    public init?(hex: some StringProtocol) {
        self.init(hexDigits: hex.utf8)
    }

    init?(hexDigits: some Collection<UInt8>) {
        guard let sha256 = SHA256Digest(hexDigits: hexDigits)
        else { return nil }
        self.sha256 = sha256
        upperCaseLetters = hexDigits.reduce(0) { mask, c in
            mask << 1 | (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F") ? 1 : 0)
        }
    }

    /// The 64 hex characters, in the case they were written.
    public var hex: String {
        guard upperCaseLetters != 0 else { return sha256.hex }
        return String(
            decoding: sha256.hex.utf8.enumerated().map { i, c in
                upperCaseLetters >> (63 - i) & 1 == 1 ? c - 0x20 : c
            }, as: UTF8.self)
    }

    /// `sha256:<hex>`, the form manifests use.
    public var description: String { "sha256:\(hex)" }

    /// `sha256-<hex>`, the blob's file name.
    public var blobFileName: String { "sha256-\(hex)" }

    /// `sha256:<hex>`, the file name of a blob written before v0.1.30.
    public var legacyBlobFileName: String { "sha256:\(hex)" }

    /// The first 12 hex characters, as `ollama list` shows IDs.
    public var shortForm: String { String(hex.prefix(12)) }

    /// The order of the hex strings as written (digits before upper-case before lower-case letters).
    public static func < (a: BlobDigest, b: BlobDigest) -> Bool {
        if a.upperCaseLetters == b.upperCaseLetters { return a.sha256 < b.sha256 }
        return a.hex < b.hex
    }
}
