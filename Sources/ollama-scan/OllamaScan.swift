import ArgumentParser

/// The root command.
struct OllamaScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ollama-scan",
        abstract: "Read an Ollama model store directly: no ollama binary, no server.",
        discussion: """
            The store is --store DIR, else $OLLAMA_MODELS (trimmed as Ollama trims it), else ~/.ollama/models.
            Exit codes: 0 success (warnings allowed), 1 not found or an integrity failure, 2 usage error or unusable
            store, 130 interrupted.
            """,
        subcommands: [
            ModelsCommand.self, ShowCommand.self, GGUFCommand.self, VerifyCommand.self, ImportCommand.self,
            RegistryCommand.self,
            DuCommand.self, OrphansCommand.self, PruneCommand.self, ExportCommand.self,
        ]
    )
}
