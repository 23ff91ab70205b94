import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private temporary folder for targets whose entry point takes a path: each input is written to a file
/// there, as the CLI would find it on disk. Made once per process and removed at its normal exit (a crash
/// leaves it, beside the reproducer libFuzzer writes).
public final class ScratchFolder: @unchecked Sendable {
    public let path: String

    public init() {
        path = FileManager.default.temporaryDirectory.path + "/ollama-scan-fuzz-\(getpid())"
        clear()
        scratchFolders.append(path)
        if scratchFolders.count == 1 {
            atexit { for folder in scratchFolders { try? FileManager.default.removeItem(atPath: folder) } }
        }
    }

    /// Writes `bytes` to `name` inside the folder (folders on the way are made), replacing what was there.
    @discardableResult
    public func write(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
        let file = path + "/" + name
        let folder = (file as NSString).deletingLastPathComponent
        if folder != path {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "cannot write \(file): errno \(errno)")
        writeAll(descriptor, bytes, file: file)
        close(descriptor)
        return file
    }

    /// Removes whatever an earlier process of the same ID left there.
    private func clear() {
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

nonisolated(unsafe) private var scratchFolders: [String] = []

private func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, file: String) {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        precondition(written > 0, "cannot write \(file): errno \(errno)")
        offset += written
    }
}
