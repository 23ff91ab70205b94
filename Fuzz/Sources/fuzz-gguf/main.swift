import FuzzSupport
import GGUF
import OrderedJSON

// The GGUF header reader, as `ollama-scan gguf FILE` runs it: the bytes are a file on disk; a header that reads
// is rendered as the command's JSON and text facts would be.
let scratch = ScratchFolder()
let reader = GGUFReader(options: .init(keptArrayElements: 64, keptStringBytes: 4096, bufferSize: 4096))
runFuzzer { bytes in
    let path = scratch.write("input.gguf", bytes)
    do throws(GGUFError) {
        let header = try reader.readHeader(atPath: path)
        _ = JSONWriter.compact(header.jsonReport(includeTensors: true))
        _ = (header.architecture, header.name, header.contextLength, header.fileKind)
    } catch {
        _ = error.description
    }
}
