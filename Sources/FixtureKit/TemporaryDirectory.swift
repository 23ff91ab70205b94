import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A temporary directory for tests and benchmarks, removed with everything in it when the value is released
/// (keep the value alive while the directory is in use). Foundation's recursive copy and removal serve test
/// data well; no command of the tool runs this code.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "ollama-scan-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `relative`, creating the folders on the way.
    public func write(_ relative: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Writes `text` as UTF-8 to `relative`, creating the folders on the way.
    public func writeText(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    /// The path of `relative` inside the directory.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// A fresh temporary directory holding a copy of `source` (symbolic links copied as links).
    public static func copy(of source: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.removeItem(at: directory.url)
        try FileManager.default.copyItem(atPath: source, toPath: directory.path)
        return directory
    }

    /// Sets the mtime of everything below `root` (symbolic links themselves, not their targets) `seconds` in
    /// the past: a fresh copy is younger than any grace period.
    public static func age(_ root: String, by seconds: TimeInterval) throws {
        let then = Int(Date().timeIntervalSince1970 - seconds)
        var times = [timespec(tv_sec: then, tv_nsec: 0), timespec(tv_sec: then, tv_nsec: 0)]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: root) {
            let path = root + "/" + relative
            guard utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }
}
