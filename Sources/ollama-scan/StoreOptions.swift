import ArgumentParser
import Foundation
import OllamaStore

/// `--store DIR`, shared by every command that reads a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The Ollama model store (default: $OLLAMA_MODELS, else ~/.ollama/models).", valueName: "dir"))
    var store: String?

    /// Locates and checks the store, or fails with exit code 2.
    func root() throws -> StoreRoot {
        do {
            return try StoreRoot.locate(explicit: store, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
    }

    /// Scans the store, printing its warnings to stderr with a count.
    func scan(printWarnings: Bool = true) throws -> StoreScan {
        let root = try root()
        let scan: StoreScan
        do {
            scan = try StoreScanner(root: root).scan()
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        if printWarnings && !scan.warnings.isEmpty {
            for warning in scan.warnings { Console.error("warning: \(warning)") }
            Console.error("\(scan.warnings.count) warning\(scan.warnings.count == 1 ? "" : "s")")
        }
        return scan
    }
}
