/// A failure of the hashing engine itself (not of a blob's content, which is a result, not an error).
public enum HashingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An OpenSSL call returned failure; this is a broken libcrypto, never bad input.
    case libcrypto(call: String)

    public var description: String {
        switch self {
        case .libcrypto(let call): return "libcrypto: \(call) failed"
        }
    }
}
