import Foundation
import Hashing
import OllamaStore

/// One progress line on stderr, redrawn in place: bytes done of total, throughput and time left.
final class ProgressMeter: Sendable {
    /// A meter when stderr is a terminal and progress is wanted, else nil (no escape codes in logs).
    static func forStandardError(enabled: Bool) -> ProgressMeter? {
        enabled && isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
    }

    /// `show` as the hashing engine's progress callback.
    var callback: @Sendable (BlobHasher.Progress) -> Void { { [self] in show($0) } }

    func show(_ progress: BlobHasher.Progress) {
        let rate = progress.elapsed > 0 ? Double(progress.bytesDone) / progress.elapsed : 0
        var line = "verify: \(Self.decimal(progress.bytesDone)) of \(Self.decimal(progress.bytesTotal))"
        if progress.bytesTotal > 0 {
            line += " (\(min(100, progress.bytesDone * 100 / progress.bytesTotal))%)"
        }
        line += ", \(Self.decimal(Int64(rate)))/s, \(progress.filesDone)/\(progress.filesTotal) blobs"
        if rate > 0 && progress.bytesTotal > progress.bytesDone {
            let left = Int(Double(progress.bytesTotal - progress.bytesDone) / rate)
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
