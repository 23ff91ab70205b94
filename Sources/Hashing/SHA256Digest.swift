/// A SHA-256 value: 32 bytes, shown as 64 lower-case hex characters.
///
/// The bytes are held inline as four big-endian words rather than in an array: a store scan keeps one
/// digest per blob and per manifest, and 100,000 of them should not be 100,000 heap allocations.
public struct SHA256Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest of zero bytes; a blob that hashes to it is an empty file.
    public static let empty = SHA256Digest(
        hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")!

    init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        func word(_ i: Int) -> UInt64 { bytes[8 * i..<8 * i + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        words = (word(0), word(1), word(2), word(3))
    }

    /// Parses 64 hex characters (either case).
    public init?(hex: some StringProtocol) {
        self.init(hexDigits: hex.utf8)
    }

    /// Parses 64 hex characters (either case) given as UTF-8 code units.
    public init?(hexDigits: some Sequence<UInt8>) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for c in hexDigits {
            guard count < 64, let value = Self.nibble(c) else { return nil }
            switch count / 16 {
            case 0: words.0 = words.0 << 4 | UInt64(value)
            case 1: words.1 = words.1 << 4 | UInt64(value)
            case 2: words.2 = words.2 << 4 | UInt64(value)
            default: words.3 = words.3 << 4 | UInt64(value)
            }
            count += 1
        }
        guard count == 64 else { return nil }
        self.words = words
    }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
        }
    }

    /// The first 64 bits, read as a big-endian number.
    public var prefix64: UInt64 { words.0 }

    /// The 64 lower-case hex characters.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            for (w, word) in [words.0, words.1, words.2, words.3].enumerated() {
                for i in 0..<16 {
                    buffer[16 * w + i] = Self.digits[Int(word >> (60 - 4 * i) & 0xf)]
                }
            }
            return 64
        }
    }

    public var description: String { hex }

    public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool { a.words == b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// The order of the hex strings.
    public static func < (a: SHA256Digest, b: SHA256Digest) -> Bool {
        (a.words.0, a.words.1, a.words.2, a.words.3) < (b.words.0, b.words.1, b.words.2, b.words.3)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
