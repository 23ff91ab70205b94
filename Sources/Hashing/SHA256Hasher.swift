internal import CLibCrypto

/// Incremental SHA-256 through OpenSSL's EVP digest API.
///
/// This is the only file that touches libcrypto. One hasher owns one `EVP_MD_CTX`; `reset()` re-initialises
/// it, so a worker hashes every blob it is given with the same context. A hasher is not thread-safe: give each
/// thread its own.
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// Creates a hasher ready for input.
    ///
    /// - Throws: `HashingError.libcrypto` if OpenSSL cannot allocate or initialise the context.
    public init() throws(HashingError) {
        guard let context = EVP_MD_CTX_new() else { throw HashingError.libcrypto(call: "EVP_MD_CTX_new") }
        self.context = context
        try reset()
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Starts a new digest, discarding any input given so far.
    public func reset() throws(HashingError) {
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw HashingError.libcrypto(call: "EVP_DigestInit_ex")
        }
    }

    /// Adds `bytes` to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) throws(HashingError) {
        guard bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            throw HashingError.libcrypto(call: "EVP_DigestUpdate")
        }
    }

    /// Adds the bytes of `array` to the digest.
    public func update(_ array: [UInt8]) throws(HashingError) {
        try array.withUnsafeBytes { raw in Result { () throws(HashingError) in try update(raw) } }.get()
    }

    /// Finishes the digest and returns it; the hasher must be `reset()` before it is used again.
    public func finalize() throws(HashingError) -> SHA256Digest {
        var bytes = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = bytes.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard status == 1, length == 32 else { throw HashingError.libcrypto(call: "EVP_DigestFinal_ex") }
        return SHA256Digest(bytes: bytes)
    }

    /// The SHA-256 of `bytes`, in one call.
    public static func digest(of bytes: [UInt8]) throws(HashingError) -> SHA256Digest {
        let hasher = try SHA256Hasher()
        try hasher.update(bytes)
        return try hasher.finalize()
    }
}
