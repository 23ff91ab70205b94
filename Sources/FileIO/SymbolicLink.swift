import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading where a symbolic link points.
public enum SymbolicLink {
    /// The link's target as stored in the link (relative targets stay relative).
    ///
    /// The corresponding C function is `readlink`; swift-system has no wrapper for it, so this calls the C
    /// library directly.
    public static func destination(ofPath path: String) throws(FileIOError) -> String {
        var capacity = 256
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let count = readlink(path, &buffer, capacity)
            guard count >= 0 else { throw FileIOError.stat(path: path, errno: Errno(rawValue: errno)) }
            if count < capacity {
                return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity *= 4
        }
    }
}
