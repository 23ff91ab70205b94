import ArgumentParser
import Foundation
import GGUF
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

    @Argument(help: "The model name, e.g. llama3.2:3b.")
    var model: String

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the record as JSON, with the GGUF report under \"gguf\".")
    var json = false

    @Flag(help: "Show whole arrays and strings, and list the tensors.")
    var verbose = false

    func run() throws {
        let scan = try storeOptions.scan()
        let record = try StoreOptions.model(model, in: scan)
        var header = record.ggufHeader
        if verbose, let path = record.modelBlob, header != nil {
            header = try? GGUFReader(options: .everything).readHeader(atPath: path)
        }
        if json {
            print(JSONWriter.pythonIndented(record.jsonValue(withGGUF: header, includingTensors: verbose)))
            return
        }
        print(ModelReport.text(for: record, header: header, verbose: verbose))
    }
}
