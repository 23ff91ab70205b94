import Foundation
import Hashing
import OllamaStore

/// One progress line on stderr, redrawn in place: bytes done of total, throughput and time left.
final class ProgressMeter: Sendable {
    /// A meter when stderr is a terminal and progress is wanted, else nil (no escape codes in logs).
    static func forStandardError(enabled: Bool, label: String = "verify", unit: String = "blobs") -> ProgressMeter? {
        enabled && isatty(STDERR_FILENO) == 1 ? ProgressMeter(label: label, unit: unit) : nil
    }

    /// What the line starts with (`verify`) and what its files are called (`blobs`).
    private let label: String
    private let unit: String

    private init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    /// `show` as the hashing engine's progress callback.
    var callback: @Sendable (BlobHasher.Progress) -> Void {
        { [self] in
            show(bytesDone: $0.bytesDone, bytesTotal: $0.bytesTotal, filesDone: $0.filesDone, filesTotal: $0.filesTotal, elapsed: $0.elapsed)
        }
    }

    func show(bytesDone: Int64, bytesTotal: Int64, filesDone: Int, filesTotal: Int, elapsed: Double) {
        let rate = elapsed > 0 ? Double(bytesDone) / elapsed : 0
        var line = "\(label): \(Self.decimal(bytesDone)) of \(Self.decimal(bytesTotal))"
        if bytesTotal > 0 {
            line += " (\(min(100, bytesDone * 100 / bytesTotal))%)"
        }
        line += ", \(Self.decimal(Int64(rate)))/s, \(filesDone)/\(filesTotal) \(unit)"
        if rate > 0 && bytesTotal > bytesDone {
            let left = Int(Double(bytesTotal - bytesDone) / rate)
            line += ", ETA \(left / 60):\(String(format: "%02d", left % 60))"
        }
        write("\r" + line + "\u{1B}[K")
    }

    /// Clears the line so the report starts on a clean one.
    func finish() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Bytes in decimal units with two decimals ("1.23 GB"), finer than `ollama list` for a rate.
    static func decimal(_ bytes: Int64) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")]
        guard let (scale, unit) = units.first(where: { Double(bytes) >= $0.0 }) else { return "\(bytes) B" }
        return "\(HumanFormat.fixed(Double(bytes) / scale, decimals: 2)) \(unit)"
    }
}
