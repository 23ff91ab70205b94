import Testing

@testable import ImageWorksRegistry

@Suite struct RegistryRolesTests {
    /// Python's `sorted` compares code points: upper case before lower case, accented letters after `z`.
    @Test func rolesAreSortedAsPythonSortsThemAndKeptUnique() {
        #expect(Registry.roles(["narration", "caption"], adding: "caption") == ["caption", "narration"])
        #expect(Registry.roles(["éclair", "zoom"], adding: "Zeta") == ["Zeta", "zoom", "éclair"])
        #expect(Registry.roles([], adding: "keywords") == ["keywords"])
    }

    @Test func rowsSortByRoleThenNameAndRolesRequireWhatImageWorksRequires() {
        let sorted = [("keywords", "b-model"), ("caption", "b-model"), ("keywords", "a-model")]
            .sorted { Registry.pythonPrecedes($0, $1) }
        #expect(sorted.map { "\($0.0)/\($0.1)" } == ["caption/b-model", "keywords/a-model", "keywords/b-model"])
        for role in ["caption", "keywords", "description", "narration"] {
            #expect(RoleRequirements.required(for: role) == ["vision"])
        }
        #expect(RoleRequirements.required(for: "chat").isEmpty)
    }
}
