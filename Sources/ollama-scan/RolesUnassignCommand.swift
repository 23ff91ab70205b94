import ArgumentParser

/// `ollama-scan registry roles unassign`: removes a role (and its priority) from the selected entries.
struct RolesUnassignCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "unassign",
        abstract: "Remove a role and its role_priority from the entries named or selected.",
        discussion: "Entries without the role are left as they are.",
        examples: ["ollama-scan registry roles unassign narration 'qwen*'"])

    @OptionGroup var change: RoleChangeOptions

    func run() throws { try change.run(.unassign) }
}
