import ArgumentParser

/// "Did you mean 'models'?" for a mistyped subcommand, which argument-parser reports only as an unexpected
/// argument (it suggests near options itself).
enum SubcommandSuggestion {
    /// The message for `arguments` (without the program name) when a word in a subcommand's place names none,
    /// else nil.
    static func message(for arguments: [String], root: ParsableCommand.Type = OllamaScan.self) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? ""]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            if let next = subcommands.first(where: { names(of: $0).contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            let candidates = subcommands.flatMap(names(of:))
            let nearest = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
            var message = "unknown command '\(word)' for '\(path.joined(separator: " "))'"
            if let nearest, nearest.1 <= max(2, word.count / 3) { message += "; did you mean '\(nearest.0)'?" }
            return message + " (see '\(path.joined(separator: " ")) --help')"
        }
        return nil
    }

    private static func names(of command: ParsableCommand.Type) -> [String] {
        [command.configuration.commandName ?? ""] + command.configuration.aliases
    }

    /// Levenshtein distance, by hand: the standard library has none, and command names are a few letters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
