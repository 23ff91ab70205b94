/// Why a text is not JSON, with the byte offset (and line and column) where reading stopped.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected or found, e.g. "expected ',' or '}' after an object member".
    public var reason: String
    /// Zero-based byte offset of the problem.
    public var offset: Int
    /// One-based line and column (in bytes) of the problem.
    public var line: Int
    public var column: Int

    public var description: String { "\(reason) at line \(line) column \(column) (offset \(offset))" }
}
