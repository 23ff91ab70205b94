import OrderedJSON

extension Registry {
    /// One (role, entry) pair, as ImageWorks' `list-roles` prints it: an entry with several roles is one row
    /// per role.
    public struct RoleRow: Sendable, Equatable {
        public var role: String
        public var entry: RegistryEntry

        /// `{"role", "name", "backend", "display_name", "capabilities"}`, the original's JSON row.
        public var jsonValue: JSONValue {
            .object(
                JSONObject([
                    ("role", .string(role)), ("name", .string(entry.name)), ("backend", .string(entry.backend)),
                    ("display_name", .string(entry.displayName.isEmpty ? entry.name : entry.displayName)),
                    ("capabilities", .object(entry.capabilities)),
                ]))
        }

        /// The capabilities whose value is truthy, comma-separated, as the original's table shows them.
        public var capabilityList: String {
            entry.capabilities.members.filter { PythonValue.truthy($0.value) }.map(\.key).joined(separator: ",")
        }
    }

    /// Every (role, entry) pair, deprecated entries included, sorted by role and then name as Python sorts
    /// strings (by code point).
    public var roleRows: [RoleRow] {
        entries.flatMap { entry in entry.roles.map { RoleRow(role: $0, entry: entry) } }
            .sorted { Self.pythonPrecedes(($0.role, $0.entry.name), ($1.role, $1.entry.name)) }
    }

    /// Python's `<` on a pair of strings: code point by code point, then the second.
    static func pythonPrecedes(_ a: (String, String), _ b: (String, String)) -> Bool {
        if a.0 != b.0 { return a.0.unicodeScalars.lexicographicallyPrecedes(b.0.unicodeScalars) }
        return a.1.unicodeScalars.lexicographicallyPrecedes(b.1.unicodeScalars)
    }

    /// `roles` after adding `role`: each once, sorted as Python sorts them.
    public static func roles(_ roles: [String], adding role: String) -> [String] {
        Array(Set(roles + [role])).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }
}
