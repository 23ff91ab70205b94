import Foundation

/// Where the test run finds the executables the package built beside it (`ollama-scan`, `store-bench`).
///
/// On Linux the test runner is itself in the build folder; on macOS it is a toolchain helper that loads a
/// test bundle from the build folder. Both are looked at, then `.build/debug` of the package.
public enum BuiltProducts {
    /// The package's root, from this file's place in it.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable `name`; the first candidate, missing or not, when none exists (so that a test
    /// fails naming where it looked).
    public static func executable(named name: String) -> URL {
        let folders =
            [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
            + [packageRoot.appendingPathComponent(".build/debug")]
        let candidates = folders.map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}
