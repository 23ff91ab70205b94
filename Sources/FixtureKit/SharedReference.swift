import Foundation

/// The real files in `../shared/reference` beside the project (Ollama manifests and configs, ImageWorks
/// registry samples), which the tests that need them read from there, never from a copy; a test skips with a
/// message when they are absent.
public enum SharedReference {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/reference`.
    public static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
    /// The ImageWorks registry samples and golden outputs.
    public static let imageWorksRegistry = root.appendingPathComponent("imageworks-registry")
}
