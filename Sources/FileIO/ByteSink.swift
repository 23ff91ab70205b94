import SystemPackage

/// Somewhere bytes are appended in order: a new file, or standard output (`pack -o -`).
public protocol ByteSink: AnyObject {
    /// Appends all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError)
}

extension NewFile: ByteSink {}

/// Standard output as a `ByteSink`, written with `write(2)` (retrying short writes and interruptions).
public final class StandardOutput: ByteSink {
    private var written: Int64 = 0

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        do {
            written += Int64(try FileDescriptor.standardOutput.writeAll(bytes))
        } catch {
            throw FileIOError.write(path: "standard output", offset: written, errno: Errno(error))
        }
    }
}
