import ArgumentParser

/// `ollama-scan registry roles assign`: adds a role to the selected entries.
struct RolesAssignCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "assign",
        abstract: "Add a role to the entries named (globs allowed) or selected by --capability / --backend.",
        discussion: """
            An entry lacking a capability the role requires is refused by name, and then nothing is written \
            (--force assigns anyway). Capabilities are the model's own when the store has it (an Ollama entry's \
            served_model_id, else its name), else the entry's; a required capability the model has but the entry \
            does not declare is declared, or ImageWorks would never select it. An entry of the curated layer that \
            ImageWorks' save would not write is refused too. roles stays sorted and unique; --priority sets \
            role_priority for the role.
            """,
        examples: [
            "ollama-scan registry roles assign caption 'llava*' --priority 10",
            "ollama-scan registry roles assign keywords --backend ollama --capability vision --dry-run",
        ])

    @OptionGroup var change: RoleChangeOptions

    @Option(help: ArgumentHelp("Set role_priority for the role (ImageWorks picks the highest).", valueName: "n"))
    var priority: Int?

    @Flag(help: "Assign even to entries lacking a capability the role requires.")
    var force = false

    func run() throws { try change.run(.assign(priority: priority), force: force) }
}
