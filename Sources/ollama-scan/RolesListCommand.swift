import ArgumentParser
import ImageWorksRegistry
import OrderedJSON

/// `ollama-scan registry roles list`: one row per (role, entry), as ImageWorks' `list-roles` prints it.
struct RolesListCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "list",
        abstract: "One row per role and entry, sorted by role then name (deprecated entries included).",
        discussion: """
            The same rows as ImageWorks' imageworks-download list-roles: role, name, backend, display name \
            (the name when empty) and, with --show-capabilities, the capabilities whose value is true. --json \
            prints the original's bare array of rows.
            """,
        examples: ["ollama-scan registry roles list --registry-dir configs --show-capabilities"])

    @OptionGroup var registryOptions: RegistryOptions

    @Flag(help: "Add a column of the capabilities each entry declares.")
    var showCapabilities = false

    @Flag(help: "Print the rows as a JSON array.")
    var json = false

    func run() throws {
        let registry = try registryOptions.load()
        let rows = registry.roleRows
        if json {
            // The original's form, a bare array: the registry's warnings stay on stderr.
            print(JSONWriter.pythonIndented(.array(rows.map(\.jsonValue))))
            return
        }
        guard !rows.isEmpty else {
            print(Console.symbol("📭") + "No role-capable models found")
            return
        }
        var table = TextTable(
            ["Role", "Name", "Backend", "Display Name"] + (showCapabilities ? ["Capabilities"] : []), flexible: [1, 3])
        for row in rows {
            let displayName = row.entry.displayName.isEmpty ? row.entry.name : row.entry.displayName
            table.add(
                [row.role, row.entry.name, row.entry.backend, displayName]
                    + (showCapabilities ? [row.capabilityList] : []))
        }
        print("Role-capable Models")
        print(table.render(width: Console.width))
    }
}
