import Foundation

/// Where output goes: results to stdout, problems to stderr as `ollama-scan: <message>`.
enum Console {
    /// Writes one problem line to stderr.
    static func error(_ message: String) {
        errorRaw("ollama-scan: \(message)")
    }

    /// Writes text to stderr as it is (argument-parser's own messages).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Whether stdout is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// `symbol` and a space when stdout is a terminal, else nothing: the original's emoji stay out of logs
    /// and pipes.
    static func symbol(_ symbol: String) -> String { isTerminal ? symbol + " " : "" }

    /// The width tables must fit: `$COLUMNS` when set, else the terminal's, else nil (a pipe or a file, where
    /// lines are never cut).
    static let width: Int? = {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        guard isTerminal else { return nil }
        var size = winsize()
        // TIOCGWINSZ is the same request on Linux and macOS; a terminal that reports no size gets 80.
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }()
}
