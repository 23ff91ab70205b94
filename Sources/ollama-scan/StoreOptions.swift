import ArgumentParser
import GGUF
import Foundation
import OllamaStore

/// `--store DIR`, shared by every command that reads a store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
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
    /// - Parameter readingModelFiles: false skips GGUF headers and templates, for commands that need neither.
    /// - Parameter keepingHeaders: false drops each record's parsed GGUF header once its facts are taken.
    func scan(printWarnings: Bool = true, readingModelFiles: Bool = true, keepingHeaders: Bool = true) throws
        -> StoreScan
    {
        let root = try root()
        let scan: StoreScan
        do {
            // Without kept headers nothing reads array elements, so none are kept (the listing's biggest cost).
            let ggufOptions = GGUFReader.Options(keptArrayElements: keepingHeaders ? 64 : 0)
            scan = try StoreScanner(
                root: root, ggufOptions: ggufOptions, readsModelFiles: readingModelFiles, keepsHeaders: keepingHeaders
            ).scan()
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        if printWarnings && !scan.warnings.isEmpty {
            for warning in scan.warnings { Console.error("warning: \(warning)") }
            Console.error("\(scan.warnings.count) warning\(scan.warnings.count == 1 ? "" : "s")")
        }
        return scan
    }

    /// The model `query` names in `scan`, or a failure naming close matches (exit 1 when the answer to the
    /// command is "not found", 2 when the name only selects what the command works on).
    static func model(_ query: String, in scan: StoreScan, exitCode: Int32 = 1) throws -> ModelRecord {
        if let record = scan.models(matching: query).first { return record }
        let close = scan.suggestions(for: query)
        throw CommandFailure(
            message: "model \(query) not found in \(scan.root.path)"
                + (close.isEmpty ? "" : "; close matches: \(close.joined(separator: ", "))"),
            exitCode: exitCode)
    }

    /// The scan of the store when one is usable, for commands that work without one: an explicit `--store`
    /// that cannot be used is an error, a missing default store is not (nil).
    func optionalScan() throws -> StoreScan? {
        do {
            return try scan(printWarnings: false)
        } catch let failure as CommandFailure {
            if store != nil { throw failure }
            return nil
        }
    }
}
