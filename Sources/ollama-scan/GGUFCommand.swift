import ArgumentParser
import GGUF
import OrderedJSON

/// `ollama-scan gguf FILE`: the header report of any GGUF file.
struct GGUFCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "gguf", abstract: "Report a GGUF file's header: architecture, quantization, parameters, metadata.",
        discussion: """
            Reads only the header (never the tensor data), so a 5 GB file costs the same as its few-MB header. \
            A file cut short after its header (a partial download) still reports, with a problem line. A file \
            that is not GGUF exits 1 (the error names the field and offset); one that cannot be opened exits 2. \
            For a model of the store, use `ollama-scan show MODEL`.
            """,
        examples: ["ollama-scan gguf model.gguf", "ollama-scan gguf ~/.ollama/models/blobs/sha256-dde5… --json"])

    @Argument(
        help: "The GGUF files (model blobs or any .gguf); with several, JSON is an array of reports.",
        completion: .file())
    var files: [String]

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "List the tensors too, and show more of each array and string (--json has them whole).")
    var verbose = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one GGUF file.") }
    }

    func run() throws {
        // One reader for every file: its buffer is reused.
        let reader = GGUFReader(options: verbose ? .everything : GGUFReader.Options(keptArrayElements: 64))
        var reports: [JSONValue] = []
        var texts: [String] = []
        var failures: [CommandFailure] = []
        for file in files {
            let header: GGUFHeader
            do {
                header = try reader.readHeader(atPath: file)
            } catch .io(let error) {
                // `llama3.2:3b` is more likely a model of the store than a file in this folder.
                let hint =
                    error.isMissingFile && !file.contains("/")
                    ? "; for a model of the store, use: ollama-scan show \(file)" : ""
                failures.append(.unusable(error.description + hint))
                continue
            } catch {
                failures.append(.notFound(error.description))
                continue
            }
            if json {
                reports.append(header.jsonReport(includeTensors: verbose))
            } else {
                texts.append(ModelReport.text(for: header, verbose: verbose))
            }
        }
        if json && !reports.isEmpty {
            print(JSONWriter.pythonIndented(files.count == 1 ? reports[0] : .array(reports)))
        } else if !texts.isEmpty {
            print(texts.joined(separator: "\n\n"))
        }
        guard let worst = failures.max(by: { $0.exitCode < $1.exitCode }) else { return }
        if failures.count == 1 { throw worst }
        failures.dropLast().forEach { Console.error($0.message) }
        throw CommandFailure(message: failures.last!.message, exitCode: worst.exitCode)
    }
}
