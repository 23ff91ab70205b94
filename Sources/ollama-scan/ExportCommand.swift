import ArgumentParser
import Foundation
import GGUF
import Hashing
import ModelExport
import OllamaStore
import OrderedJSON

/// `ollama-scan export MODEL DEST`: a model out of the store as plain GGUF files and a Modelfile.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "export",
        abstract: "Write a model out as plain GGUF files and a Modelfile that recreates it with `ollama create`.",
        discussion: """
            DEST/<model>-<tag>.gguf is exactly the model layer's blob; projectors become \
            <model>-<tag>.mmproj-<n>.gguf, adapters <model>-<tag>.adapter-<n>.gguf, a draft model \
            <model>-<tag>.draft.gguf (n counts from 1). DEST/Modelfile holds FROM, ADAPTER, TEMPLATE, SYSTEM, \
            PARAMETER, MESSAGE and LICENSE from the other layers. Copies are hashed while they are written and \
            must match the blob's name. Every file is written under a temporary name and renamed when complete; \
            a failed export removes what it wrote, and DEST too if it created it.

            --link symlink or hardlink writes links instead of copies, after a size check, without reading the \
            blob. A hard link IS the blob: changing the exported file changes the store.

            A model, missing blob or wrong size exits 1; existing files without --force, a destination inside \
            the store or without room exit 2 before anything is written.
            """,
        examples: [
            "ollama-scan export llama3.2:3b ~/exports/llama3.2",
            "ollama-scan export qwen3:8b /mnt/usb/qwen3 --link hardlink",
        ])

    @Argument(help: "The model name, e.g. llama3.2:3b.", completion: ModelCompletion.kind)
    var model: String

    @Argument(help: "The folder to write into (created if missing).", completion: .directory)
    var destination: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Link instead of copying: symlink or hardlink.", valueName: "kind"))
    var link: String?

    @Flag(help: "Replace files that already exist in DEST.")
    var force = false

    @Flag(
        help:
            "Print the result as JSON: {\"model\", \"destination\", \"files\", \"modelfile\", \"warnings\", \"bytes_copied\", \"seconds\"}."
    )
    var json = false

    @Flag(name: .shortAndLong, help: "No progress line and no warnings on stderr.")
    var quiet = false

    func validate() throws {
        if let link, !["symlink", "hardlink"].contains(link) {
            throw ValidationError("--link takes symlink or hardlink (got \"\(link)\").")
        }
    }

    func run() throws {
        let scan = try storeOptions.scan(readingModelFiles: false)
        let record = try StoreOptions.model(model, in: scan)
        var warnings = CommandWarnings(echoing: !quiet && !json)
        warnings.add(scan, selected: [record])
        // Only this model's header is read, for the runners' compatibility warning.
        let header = record.modelBlob.flatMap { try? GGUFReader().readHeader(atPath: $0) }
        if let architecture = OllamaCompatibilityLayer.architecture(header: header, config: record.config) {
            warnings.add(OllamaCompatibilityLayer.warning(architecture: architecture))
        }
        let exporter = ModelExporter(
            method: link.flatMap(ModelExporter.Method.init(rawValue:)) ?? .copy, replacesExisting: force)

        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        let meter = ProgressMeter.forStandardError(enabled: !quiet && !json, label: "export", unit: "files")
        let result: ExportResult
        do {
            result = try exporter.export(record, from: scan.root, to: destination, cancellation: cancellation) {
                meter?.show($0)
            }
        } catch {
            meter?.finish()
            interruptions.restore()
            if error == .interrupted { throw CommandFailure(message: error.description, exitCode: 130) }
            throw CommandFailure(message: error.description, exitCode: error.isRefusal ? 2 : 1)
        }
        meter?.finish()
        interruptions.restore()

        result.warnings.forEach { warnings.add("the Modelfile leaves out \($0)") }
        if json {
            print(JSONWriter.pythonIndented(warnings.attached(to: result.jsonValue)))
            return
        }
        for file in result.files {
            let how =
                file.method == .copy ? "copied, SHA-256 checked" : "\(file.method.rawValue), size-checked, not hashed"
            print("\(file.path)  \(file.role.kind), \(HumanFormat.bytes(file.size)) (\(how))")
        }
        print("\(result.modelfilePath)  Modelfile")
        var summary = "exported \(result.model) to \(result.destination)"
        if result.bytesCopied > 0 {
            summary +=
                ": \(HumanFormat.bytes(result.bytesCopied)) in \(HumanFormat.fixed(result.seconds, decimals: 1)) s"
        }
        print(summary)
        warnings.finish()
    }
}
