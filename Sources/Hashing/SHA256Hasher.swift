#if canImport(CryptoKit)
import CryptoKit
#else
internal import CLibCrypto
#endif

/// Incremental SHA-256: through OpenSSL's EVP digest API (libcrypto) on Linux, through the system's CryptoKit
/// on Apple platforms, where it is built in and hardware-accelerated on Apple silicon, and where libcrypto is
/// not part of the system (Homebrew's is keg-only). Both are behind this one type, so nothing else changes.
///
/// This is the only file that touches either. One hasher owns one digest context; `reset()` starts it again,
/// so a worker hashes every blob it is given with the same hasher. A hasher is not thread-safe: give each
/// thread its own.
public final class SHA256Hasher {
    #if canImport(CryptoKit)
    private var state = SHA256()
    #else
    private let context: OpaquePointer
    #endif

    /// Creates a hasher ready for input.
    ///
    /// - Throws: `HashingError.libcrypto` if OpenSSL cannot allocate or initialise the context.
    public init() throws(HashingError) {
        #if !canImport(CryptoKit)
        guard let context = EVP_MD_CTX_new() else { throw HashingError.libcrypto(call: "EVP_MD_CTX_new") }
        self.context = context
        try reset()
        #endif
    }

    #if !canImport(CryptoKit)
    deinit { EVP_MD_CTX_free(context) }
    #endif

    /// Starts a new digest, discarding any input given so far.
    public func reset() throws(HashingError) {
        #if canImport(CryptoKit)
        state = SHA256()
        #else
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw HashingError.libcrypto(call: "EVP_DigestInit_ex")
        }
        #endif
    }

    /// Adds `bytes` to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) throws(HashingError) {
        guard bytes.count > 0 else { return }
        #if canImport(CryptoKit)
        state.update(bufferPointer: bytes)
        #else
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            throw HashingError.libcrypto(call: "EVP_DigestUpdate")
        }
        #endif
    }

    /// Adds the bytes of `array` to the digest.
    public func update(_ array: [UInt8]) throws(HashingError) {
        try array.withUnsafeBytes { raw in Result { () throws(HashingError) in try update(raw) } }.get()
    }

    /// Finishes the digest and returns it; the hasher must be `reset()` before it is used again.
    public func finalize() throws(HashingError) -> SHA256Digest {
        #if canImport(CryptoKit)
        return SHA256Digest(bytes: Array(state.finalize()))
        #else
        var bytes = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = bytes.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard status == 1, length == 32 else { throw HashingError.libcrypto(call: "EVP_DigestFinal_ex") }
        return SHA256Digest(bytes: bytes)
        #endif
    }

    /// The SHA-256 of `bytes`, in one call.
    public static func digest(of bytes: [UInt8]) throws(HashingError) -> SHA256Digest {
        let hasher = try SHA256Hasher()
        try hasher.update(bytes)
        return try hasher.finalize()
    }
}
