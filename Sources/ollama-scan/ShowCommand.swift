import ArgumentParser
import Foundation
import GGUF
import ModelExport
import OllamaStore
import OrderedJSON

/// `ollama-scan show MODEL`: one model's record, blobs and GGUF metadata, like `ollama show`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "show", abstract: "Show one model: its details, blob paths and GGUF metadata, like `ollama show`.",
        discussion: """
            MODEL takes the forms Ollama accepts: `llama3` means `llama3:latest`, and each part of the name \
            matches without regard to case. --modelfile, --template, --parameters, --system and --license print \
            that part alone and raw, as `ollama show` does.
            """,
        examples: [
            "ollama-scan show llama3.2:3b", "ollama-scan show llama3.2:3b --modelfile > Modelfile",
            "ollama-scan show hf.co/bartowski/Foo-GGUF:Q4_K_M --verbose",
        ])

    /// The parts of a model `show` can print alone, raw, as `ollama show` does.
    enum Part: String, EnumerableFlag {
        case modelfile, template, parameters, system, license

        static func help(for part: Part) -> ArgumentHelp? {
            switch part {
            case .modelfile: return "Print the Modelfile that recreates the model (FROM the blob's path)."
            case .template: return "Print the prompt template."
            case .parameters: return "Print the parameters, one per line."
            case .system: return "Print the system message."
            case .license: return "Print the license (every license layer)."
            }
        }
    }

    @Argument(help: "The model name, e.g. llama3.2:3b.", completion: ModelCompletion.kind)
    var model: String

    @OptionGroup var storeOptions: StoreOptions

    @Flag(exclusivity: .exclusive)
    var part: Part?

    @Flag(help: "Print the record as JSON, with the GGUF report under \"gguf\" (whole arrays and strings).")
    var json = false

    @Flag(help: "List the tensors too, and show more of each array and string.")
    var verbose = false

    func validate() throws {
        if part != nil && (json || verbose) {
            throw ValidationError("--\(part!.rawValue) prints that part alone: it takes neither --json nor --verbose.")
        }
    }

    func run() throws {
        let scan = try storeOptions.scan()
        let record = try StoreOptions.model(model, in: scan)
        if let part {
            try printPart(part, of: record)
            return
        }
        var warnings = CommandWarnings(echoing: !json)
        warnings.add(scan, selected: [record])
        var header = record.ggufHeader
        if verbose || json, let path = record.modelBlob, header != nil {
            header = try? GGUFReader(options: .everything).readHeader(atPath: path)
        }
        if let architecture = OllamaCompatibilityLayer.architecture(header: header, config: record.config) {
            warnings.add(OllamaCompatibilityLayer.warning(architecture: architecture))
        }
        if json {
            print(
                JSONWriter.pythonIndented(
                    warnings.attached(to: record.jsonValue(withGGUF: header, includingTensors: verbose))))
            return
        }
        print(ModelReport.text(for: record, header: header, verbose: verbose))
        warnings.finish()
    }

    /// One part, raw; a model without it prints nothing (as `ollama show` does) and says so on stderr.
    private func printPart(_ part: Part, of record: ModelRecord) throws {
        let text: String?
        do {
            switch part {
            case .modelfile:
                text = try ModelfileBuilder.storeModelfile(for: record).modelfile.render()
            case .template:
                text = try LayerText.shown([LayerMediaType.template, LayerMediaType.prompt], of: record)
            case .system:
                text = try LayerText.shown([LayerMediaType.system], of: record)
            case .license:
                text = try LayerText.shown([LayerMediaType.license], of: record, all: true)
            case .parameters:
                let parameters = try ModelfileBuilder.storeModelfile(for: record).modelfile.instructions.filter(
                    \.isParameter)
                let width = (parameters.map(\.name.count).max() ?? 0) + 4
                text =
                    parameters.isEmpty
                    ? nil
                    : parameters.map {
                        $0.name + String(repeating: " ", count: width - $0.name.count)
                            + ((try? Modelfile.quoted($0.value)) ?? $0.value)
                    }.joined(separator: "\n")
            }
        } catch {
            throw CommandFailure(message: error.description, exitCode: error.isRefusal ? 2 : 1)
        }
        guard let text else {
            Console.error("\(record.displayName) has no \(part.rawValue)")
            return
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
