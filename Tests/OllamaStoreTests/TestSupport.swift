import FixtureKit
import Foundation

enum Paths {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared/reference` beside the project, where the real Ollama manifests are.
    static let reference = packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/reference/ollama-manifests")
    static var hasReference: Bool { FileManager.default.fileExists(atPath: reference.path) }
}
