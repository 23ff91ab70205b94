import ArgumentParser

/// `ollama-scan registry`: the ImageWorks registry's lifecycle commands, offline.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "registry",
        abstract:
            "Manage the ImageWorks registry: list, purge-deprecated, backfill-ollama-paths, normalize-formats, roles.",
        discussion: """
            The same commands as ImageWorks' imageworks-download, on the same files, with its defects fixed: \
            installed states are real, backfilled paths survive a reload, a dry run writes nothing, and every \
            write is atomic, locked and backed up. Registry errors exit 2 with one line naming the file, entry \
            and field.
            """,
        examples: [
            "ollama-scan registry list --registry-dir configs", "ollama-scan registry purge-deprecated --dry-run",
        ],
        subcommands: [
            RegistryListCommand.self, PurgeDeprecatedCommand.self, BackfillOllamaPathsCommand.self,
            NormalizeFormatsCommand.self, RegistryRolesCommand.self,
        ])
}
