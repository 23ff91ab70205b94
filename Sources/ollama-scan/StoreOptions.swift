import ArgumentParser
import GGUF
import Foundation
import OllamaStore

/// `--store DIR`, shared by every command that reads a store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Ollama model store (default: $OLLAMA_MODELS, else ~/.ollama/models).", valueName: "dir"),
        completion: .directory)
    var store: String?

    /// Locates and checks the store, or fails with exit code 2.
    func root() throws -> StoreRoot {
        do {
            return try StoreRoot.locate(explicit: store, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
    }

    /// Scans the store; its warnings are the command's to report (`CommandWarnings`).
    /// - Parameter readingModelFiles: false skips GGUF headers and templates, for commands that need neither.
    /// - Parameter keepingHeaders: false drops each record's parsed GGUF header once its facts are taken.
    func scan(readingModelFiles: Bool = true, keepingHeaders: Bool = true) throws
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
        return scan
    }

    /// The model `query` names in `scan`, or a failure naming close matches (exit 1, in every command).
    static func model(_ query: String, in scan: StoreScan) throws -> ModelRecord {
        try models([query], in: scan)[0]
    }

    /// The models `queries` name, each once, in the order first named; when any is unknown, one failure that
    /// names every unknown one with its close matches (exit 1), so that nothing is done with the others.
    static func models(_ queries: [String], in scan: StoreScan) throws -> [ModelRecord] {
        var records: [ModelRecord] = []
        var unknown: [String] = []
        var suggestions: [String] = []
        for query in queries {
            guard let record = scan.models(matching: query).first else {
                unknown.append(query)
                let close = scan.suggestions(for: query)
                if !close.isEmpty {
                    suggestions.append((queries.count > 1 ? "for \(query): " : ": ") + close.joined(separator: ", "))
                }
                continue
            }
            if !records.contains(where: { $0.manifestPath == record.manifestPath }) { records.append(record) }
        }
        guard unknown.isEmpty else {
            throw CommandFailure.notFound(
                "\(unknown.count == 1 ? "model" : "models") \(HumanFormat.list(unknown)) not found in \(scan.root.path)"
                    + (suggestions.isEmpty
                        ? "" : "; close matches" + (queries.count > 1 ? " " : "") + suggestions.joined(separator: "; "))
            )
        }
        return records
    }

    /// The scan of the store when one is usable, for commands that work without one: an explicit `--store`
    /// that cannot be used is an error, a missing default store is not (nil).
    func optionalScan() throws -> StoreScan? {
        do {
            return try scan()
        } catch let failure as CommandFailure {
            if store != nil { throw failure }
            return nil
        }
    }
}
