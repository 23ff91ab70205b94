/// A fast, seeded byte stream (xorshift64*), so that generated blobs are realistic-looking, distinct and
/// byte-for-byte reproducible. Not for anything that needs real randomness.
public struct DeterministicBytes {
    private var state: UInt64

    /// Seeds from a string with FNV-1a (Swift's `Hasher` is randomised per process, so it cannot be used).
    public init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        state = hash == 0 ? 0x9E37_79B9_7F4A_7C15 : hash
    }

    public mutating func nextWord() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    public mutating func next(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            withUnsafeBytes(of: nextWord().littleEndian) { out += $0 }
        }
        out.removeLast(out.count - count)
        return out
    }

    /// Fills `buffer` with the stream, a word at a time (gigabytes per second: benchmark stores are large).
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        let words = buffer.count / 8
        for i in 0..<words { buffer.storeBytes(of: nextWord().littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        if words * 8 < buffer.count {
            withUnsafeBytes(of: nextWord().littleEndian) { tail in
                for i in words * 8..<buffer.count { buffer[i] = tail[i - words * 8] }
            }
        }
    }
}
