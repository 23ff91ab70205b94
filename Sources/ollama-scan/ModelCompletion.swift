import ArgumentParser
import Foundation
import OllamaStore

/// Shell completion of model names: the models of the store the command line names (`--store DIR`, else
/// `$OLLAMA_MODELS`, else `~/.ollama/models`), read as `models` reads them but without any model file.
enum ModelCompletion {
    static let kind = CompletionKind.custom { words, _, prefix in names(words: words, prefix: prefix) }

    /// The names starting with `prefix` (as typed, without regard to case); none when there is no store.
    static func names(words: [String], prefix: String) -> [String] {
        let explicit = words.firstIndex(of: "--store").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        guard
            let root = try? StoreRoot.locate(
                explicit: explicit.map { ($0 as NSString).expandingTildeInPath },
                environment: ProcessInfo.processInfo.environment),
            let scan = try? StoreScanner(root: root, readsModelFiles: false, keepsHeaders: false).scan()
        else { return [] }
        let lowered = prefix.lowercased()
        return scan.models.map(\.displayName).filter { $0.lowercased().hasPrefix(lowered) }.sorted()
    }
}
