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

    /// `show` as a `Sendable` callback, for the hashing engine's timer.
    var callback: @Sendable (ByteProgress) -> Void { { [self] in show($0) } }

    func show(_ progress: ByteProgress) {
        let rate = progress.elapsed > 0 ? Double(progress.bytesDone) / progress.elapsed : 0
        var line =
            "\(label): \(HumanFormat.preciseBytes(progress.bytesDone)) of \(HumanFormat.preciseBytes(progress.bytesTotal))"
        if progress.bytesTotal > 0 {
            line += " (\(min(100, progress.bytesDone * 100 / progress.bytesTotal))%)"
        }
        line += ", \(HumanFormat.preciseBytes(Int64(rate)))/s, \(progress.filesDone)/\(progress.filesTotal) \(unit)"
        if rate > 0 && progress.bytesTotal > progress.bytesDone {
            line +=
                ", ETA " + HumanFormat.minutesAndSeconds(Int(Double(progress.bytesTotal - progress.bytesDone) / rate))
        }
        write("\r" + line + "\u{1B}[K")
    }

    /// Clears the line so the report starts on a clean one.
    func finish() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
