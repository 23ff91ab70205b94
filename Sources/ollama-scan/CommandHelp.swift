import ArgumentParser

/// The parts of every command's help: its paragraphs, its examples and the one exit-code table.
///
/// argument-parser wraps each line of a discussion to the terminal but keeps its line breaks, so paragraphs
/// are written as single lines (the `\` continuations in the sources) and only examples are laid out by hand.
enum CommandHelp {
    /// The exit codes of every command, as the README states them.
    static let exitCodes = """
        EXIT CODES:
          0    success (warnings allowed)
          1    the answer is bad: an unknown model, an integrity failure, a failed deletion or write
          2    usage error or unusable input (options, store, file or registry)
          130  interrupted, after printing what was finished
        """

    /// A command's configuration whose discussion ends with its examples and the exit codes.
    static func configuration(
        _ name: String, abstract: String, discussion: String, examples: [String], aliases: [String] = [],
        subcommands: [ParsableCommand.Type] = []
    ) -> CommandConfiguration {
        CommandConfiguration(
            commandName: name, abstract: abstract,
            discussion: text(discussion, examples: examples), subcommands: subcommands, aliases: aliases)
    }

    /// `discussion`, then `EXAMPLES:` one per line, then the exit codes.
    static func text(_ discussion: String, examples: [String]) -> String {
        var parts = discussion.isEmpty ? [] : [discussion]
        if !examples.isEmpty { parts.append((["EXAMPLES:"] + examples.map { "  " + $0 }).joined(separator: "\n")) }
        parts.append(exitCodes)
        return parts.joined(separator: "\n\n")
    }
}
