import ArgumentParser

/// The root command.
struct OllamaScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ollama-scan",
        abstract: "Read an Ollama model store directly: no ollama binary, no server.",
        discussion: CommandHelp.text(
            """
            The store is --store DIR, else $OLLAMA_MODELS (trimmed as Ollama trims it), else ~/.ollama/models. \
            Only prune --apply, rm, repair and unpack change the store, under one protocol: never while Ollama runs \
            (unless --while-running), one writer at a time, blobs verified before their final name, manifests last.
            """,
            examples: [
                "ollama-scan models --sort size --limit 10", "ollama-scan show llama3.2 --modelfile",
                "ollama-scan verify --incremental", "ollama-scan du --filter 'size>5GB'",
                "ollama-scan verify $(ollama-scan models --filter 'modified>90d' --names)",
            ]),
        version: ToolVersion.current,
        subcommands: [
            ModelsCommand.self, ShowCommand.self, GGUFCommand.self, VerifyCommand.self, ImportCommand.self,
            RegistryCommand.self, DuCommand.self, OrphansCommand.self, PruneCommand.self, RmCommand.self,
            RepairCommand.self, ExportCommand.self, PackCommand.self, UnpackCommand.self, SbomCommand.self,
        ]
    )
}
