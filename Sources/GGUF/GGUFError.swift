import FileIO

/// Why a file's GGUF header cannot be read. Every case names the file; the format cases also name the field,
/// its byte offset, and what was expected.
public enum GGUFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case io(FileIOError)
    /// The first four bytes are not `GGUF` (or `FUGG`).
    case notGGUF(path: String, magic: [UInt8])
    /// The version is not 1, 2 or 3.
    case unsupportedVersion(path: String, version: UInt32)
    /// A field needs more bytes than the file has left.
    case truncated(path: String, field: String, offset: Int64, needed: UInt64, remaining: Int64)
    /// A field holds a value the format does not allow (an unknown type id, a count over its cap, ...).
    case invalid(path: String, field: String, offset: Int64, reason: String)

    public var description: String {
        switch self {
        case .io(let error):
            return error.description
        case .notGGUF(let path, let magic):
            let shown = magic.map { String(format2: $0) }.joined(separator: " ")
            return
                "\(path): not a GGUF file: magic at offset 0 is \(shown.isEmpty ? "missing" : shown), expected 47 47 55 46 (\"GGUF\")"
        case .unsupportedVersion(let path, let version):
            return "\(path): version at offset 4: \(version) is not a GGUF version this reader knows (1, 2 or 3)"
        case .truncated(let path, let field, let offset, let needed, let remaining):
            return "\(path): \(field) at offset \(offset): needs \(needed) bytes, \(max(remaining, 0)) left"
        case .invalid(let path, let field, let offset, let reason):
            return "\(path): \(field) at offset \(offset): \(reason)"
        }
    }
}

extension String {
    /// Two lower-case hex digits.
    fileprivate init(format2 byte: UInt8) {
        let digits = String(byte, radix: 16)
        self = digits.count == 1 ? "0" + digits : digits
    }
}
