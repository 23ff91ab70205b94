import ArgumentParser
import FileIO
import Foundation
import Hashing
import ModelSBOM
import OllamaStore
import OrderedJSON
import Verification

/// `ollama-scan sbom`: a CycloneDX 1.6 ML-BOM of the store, for security and compliance inventories.
struct SbomCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "sbom",
        abstract: "Write a CycloneDX 1.6 ML-BOM of the store's models (JSON).",
        discussion: """
            One machine-learning-model component per model, named as Ollama names it and versioned by its tag, \
            with the SHA-256 of its model blob, its license (an SPDX identifier when the license layer is a \
            standard license, else its name and text), a model card (architecture family, task, input and output \
            formats from its capabilities; quantization, parameter count and context length as properties) and \
            its blobs as file sub-components with their hashes and paths. The hashes are the blobs' \
            content-addressed names; --verify first hashes every blob of the selected models and fails like \
            verify (exit 1, no BOM) when one is bad. Each run gets its own serial number and timestamp; with \
            SOURCE_DATE_EPOCH both come from it and the models, so the same store gives the same bytes.
            """,
        examples: [
            "ollama-scan sbom -o ollama.cdx.json", "ollama-scan sbom llama3.2:3b --verify",
            "SOURCE_DATE_EPOCH=0 ollama-scan sbom -o ollama.cdx.json",
        ])

    @Argument(help: "Only these models (default: every model in the store).", completion: ModelCompletion.kind)
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Hash every blob of the models first; a bad blob fails the command and no BOM is written.")
    var verify = false

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write the BOM to this file, atomically (default: stdout).", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var output: String?

    func run() throws {
        let scan = try storeOptions.scan()
        let selected = models.isEmpty ? nil : try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: true)
        warnings.add(scan, selected: selected)
        let chosen = (selected ?? scan.models).sorted { $0.name.displayShortest < $1.name.displayShortest }

        if verify { try verifyBlobs(scan: scan, models: chosen) }
        let bom = MLBOM(
            storePath: scan.root.path, models: chosen,
            provenance: .make(models: chosen, toolVersion: ToolVersion.current, verified: verify))
        let text = JSONWriter.pythonIndented(bom.jsonValue) + "\n"
        if let output {
            do {
                try AtomicFile.write(Array(text.utf8), to: output)
            } catch {
                throw CommandFailure.unusable("cannot write the BOM: \(error)")
            }
        } else {
            print(text, terminator: "")
        }
        warnings.finish()
    }

    /// Hashes the models' blobs; a bad one fails the command, in one line naming it, before anything is written.
    private func verifyBlobs(scan: StoreScan, models: [ModelRecord]) throws {
        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        defer { interruptions.restore() }
        let report: VerifyReport
        do {
            report = try StoreVerifier(
                scan: scan,
                options: VerifyOptions(
                    workerCount: jobsOptions.workerCount,
                    readersPerRotationalDevice: jobsOptions.readersPerRotationalDevice)
            ).verify(models: models, cancellation: cancellation)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
        if report.interrupted { throw ExitCode(130) }
        let failed = report.models.filter { $0.status != .ok }
        guard !failed.isEmpty else { return }
        let bad = report.badBlobs.map { "\($0.path) \($0.status.rawValue)" }
        let shown = bad.prefix(3).joined(separator: ", ") + (bad.count > 3 ? " and \(bad.count - 3) more" : "")
        throw CommandFailure(
            message: "no BOM written: \(failed.map(\.name).joined(separator: ", ")) did not verify"
                + (bad.isEmpty ? "" : " (\(shown))"), exitCode: 1)
    }
}
