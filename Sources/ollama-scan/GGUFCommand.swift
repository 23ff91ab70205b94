import ArgumentParser
import GGUF
import OrderedJSON

/// `ollama-scan gguf FILE`: the header report of any GGUF file.
struct GGUFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gguf",
        abstract: "Report a GGUF file's header: architecture, quantization, parameters, metadata.",
        discussion: """
            Reads only the header (never the tensor data), so a 5 GB file costs the same as its few-MB header.
            A file cut short after its header (a partial download) still reports, with a problem line.
            Exit codes: 0 reported, 1 not a readable GGUF file (the error names the field and offset),
            2 the file cannot be opened.

            Example: ollama-scan gguf ~/.ollama/models/blobs/sha256-dde5aa3f… --json
            """)

    @Argument(help: "The GGUF file (a model blob or any .gguf).")
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Show whole arrays and strings, and list the tensors.")
    var verbose = false

    func run() throws {
        let header: GGUFHeader
        do {
            header = try GGUFReader(options: verbose ? .everything : GGUFReader.Options(keptArrayElements: 64))
                .readHeader(atPath: file)
        } catch .io(let error) {
            throw CommandFailure.unusable(error.description)
        } catch {
            throw CommandFailure.notFound(error.description)
        }
        if json {
            print(JSONWriter.pythonIndented(header.jsonReport(includeTensors: verbose)))
        } else {
            print(ModelReport.text(for: header, verbose: verbose))
        }
    }
}
