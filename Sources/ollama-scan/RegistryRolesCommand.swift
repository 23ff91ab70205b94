import ArgumentParser

/// `ollama-scan registry roles`: which entries ImageWorks may pick for each functional role.
struct RegistryRolesCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "roles",
        abstract: "List, assign and unassign the roles (caption, keywords, …) ImageWorks selects models by.",
        discussion: """
            ImageWorks' role selection picks, among the non-deprecated entries that list a role, the one with the \
            highest role_priority for it, and only an entry whose capabilities include what the role requires \
            (caption, keywords, description and narration require vision). assign and unassign edit roles and \
            role_priority through the registry's locked, atomic, backed-up save; every other byte of the files \
            stays as it was.
            """,
        examples: [
            "ollama-scan registry roles list --show-capabilities",
            "ollama-scan registry roles assign caption 'llava*' --priority 10",
            "ollama-scan registry roles assign keywords --backend ollama --capability vision --dry-run",
            "ollama-scan registry roles unassign narration qwen2.5vl-7b-ollama-gguf-q4_k_m",
        ],
        subcommands: [RolesListCommand.self, RolesAssignCommand.self, RolesUnassignCommand.self])
}
