import Foundation
import OrderedJSON

/// Stdout written in large chunks as a document is produced, so a big report never sits whole in memory
/// and is not written a line at a time either.
struct StreamedOutput {
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 20

    mutating func write(_ text: String) {
        buffer += text.utf8
        if buffer.count >= chunkSize { flush() }
    }

    /// Writes `document` and a newline, the bytes `print(JSONWriter.pythonIndented(document.value))` writes.
    mutating func writeLine(_ document: StreamedJSONObject) {
        document.write { write($0) }
        write("\n")
        flush()
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
