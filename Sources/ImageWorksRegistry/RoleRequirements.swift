/// The capabilities ImageWorks requires of a model before its role selection (`select_by_role`) picks it for a
/// role: its `DEFAULT_ROLE_CAPABILITIES`. Any other role requires nothing.
public enum RoleRequirements {
    public static let defaults: [String: [String]] = [
        "caption": ["vision"], "keywords": ["vision"], "description": ["vision"], "narration": ["vision"],
    ]

    /// The capabilities `role` requires, in ImageWorks' order.
    public static func required(for role: String) -> [String] { defaults[role] ?? [] }
}
