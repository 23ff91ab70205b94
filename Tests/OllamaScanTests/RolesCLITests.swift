import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// `registry roles list|assign|unassign` on copies of the demo registry, with the demo store for the models'
/// own capabilities.
@Suite struct RolesCLITests {
    static let store = ["--store", Repo.fixtureStore]

    /// ImageWorks' `select_by_role`, line for line, over the snapshot a layered save writes (what ImageWorks
    /// loads): the non-deprecated entries listing the role whose capabilities include every required one,
    /// the highest `role_priority` first (0 when absent), ties in registry order.
    static func imageWorksSelection(_ role: String, in registry: DemoRegistry) throws -> String {
        let script = """
            import json, sys
            DEFAULT_ROLE_CAPABILITIES = {"caption": ["vision"], "keywords": ["vision"], "description": ["vision"],
                                         "narration": ["vision"]}
            role = sys.argv[2]
            entries = json.load(open(sys.argv[1] + "/model_registry.json"))
            required = DEFAULT_ROLE_CAPABILITIES.get(role, [])
            candidates = [(e["name"], (e.get("role_priority") or {}).get(role, 0)) for e in entries
                          if role in (e.get("roles") or []) and not e.get("deprecated")
                          and all((e.get("capabilities") or {}).get(c) for c in required)]
            candidates.sort(key=lambda x: x[1], reverse=True)
            print(candidates[0][0] if candidates else "-")
            """
        let result = try runCapturing(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, registry.path, role])
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func entry(_ name: String, in registry: DemoRegistry) throws -> JSONValue? {
        let data = try Data(contentsOf: URL(fileURLWithPath: registry.path + "/model_registry.json"))
        return try JSONReader.parse(Array(data)).arrayValue?.first { $0["name"]?.stringValue == name }
    }

    @Test func listsOneRowPerRoleSortedByRoleThenName() throws {
        let registry = try DemoRegistry()
        let rows = try registry.json(["roles", "list"]).arrayValue ?? []
        #expect(
            rows.map { "\($0["role"]?.stringValue ?? "")/\($0["name"]?.stringValue ?? "")" } == [
                "caption/llava-1.5-7b-awq-vllm", "chat/smollm2-135m-ollama-gguf-q4_k_m",
                "description/llava-1.5-7b-awq-vllm",
            ])
        #expect(rows.first?.objectValue?.keys == ["role", "name", "backend", "display_name", "capabilities"])
        let text = try registry.run(["roles", "list", "--show-capabilities"]).out
        #expect(text.contains("Capabilities") && text.contains("text,vision"))
    }

    /// Assigning adds the role and its priority to that entry alone, and ImageWorks' selection then picks it;
    /// unassigning gives back the very bytes the files had.
    @Test func assignWithPriorityThenUnassignRestoresTheBytes() throws {
        let registry = try DemoRegistry()
        let before = try registry.files()
        #expect(try Self.imageWorksSelection("caption", in: registry) == "llava-1.5-7b-awq-vllm")

        let assigned = try registry.run(
            ["roles", "assign", "caption", "llava-mini*", "--priority", "20"] + Self.store)
        #expect(assigned.code == 0, "\(assigned.err)")
        #expect(assigned.out.contains("assigned caption to llava-mini-latest-ollama-gguf (priority 20)"))
        let entry = try #require(try Self.entry("llava-mini-latest-ollama-gguf", in: registry))
        #expect(entry["roles"] == .array([.string("caption")]))
        #expect(entry["role_priority"]?["caption"]?.int64Value == 20)
        #expect(try Self.imageWorksSelection("caption", in: registry) == "llava-mini-latest-ollama-gguf")

        let unassigned = try registry.run(["roles", "unassign", "caption", "llava-mini*"] + Self.store)
        #expect(unassigned.code == 0 && unassigned.out.contains("removed caption from llava-mini-latest-ollama-gguf"))
        let after = try registry.files()
        for name in ["model_registry.json", "model_registry.discovered.json", "model_registry.curated.json"] {
            #expect(after[name] == before[name], "\(name) differs after assign and unassign")
        }
    }

    @Test func assigningTwiceChangesNothingTheSecondTime() throws {
        let registry = try DemoRegistry()
        #expect(
            try registry.run(["roles", "assign", "keywords", "llava-mini-latest-ollama-gguf"] + Self.store).code == 0)
        let once = try registry.files()
        let again = try registry.run(["roles", "assign", "keywords", "llava-mini-latest-ollama-gguf"] + Self.store)
        #expect(again.code == 0)
        #expect(again.out.contains("llava-mini-latest-ollama-gguf already has keywords"))
        #expect(again.out.contains("nothing to change"))
        #expect(try registry.files() == once)
    }

    /// A role whose required capability the entry lacks is refused by name and nothing is written; --force
    /// assigns it and says so.
    @Test func aMissingCapabilityIsRefusedUnlessForced() throws {
        let registry = try DemoRegistry()
        let before = try registry.files()
        let refused = try registry.run(["roles", "assign", "caption", "model-ollama-gguf-*"] + Self.store)
        #expect(refused.code == 1)
        #expect(
            refused.out.contains(
                "refused model-ollama-gguf-q6_k: caption requires vision, which its registry entry does not have"))
        #expect(try registry.files() == before)

        let forced = try registry.run(["roles", "assign", "caption", "model-ollama-gguf-*", "--force"] + Self.store)
        #expect(forced.code == 0)
        #expect(forced.out.contains("forced: it lacks vision"))
        #expect(forced.out.contains("deprecated, so ImageWorks does not select it"))
    }

    /// The model's own capabilities decide: a model the store says can see gets `vision` declared with the
    /// role; one it says cannot is refused even though its entry claims vision.
    @Test func theModelsOwnCapabilitiesDecide() throws {
        let extra = """
            [{"name": "llava-undeclared", "backend": "ollama", "served_model_id": "llava-mini:latest",
              "capabilities": {"text": true, "vision": false}},
             {"name": "smollm2-claims-vision", "backend": "ollama", "served_model_id": "smollm2:135m",
              "capabilities": {"text": true, "vision": true}}]
            """
        let registry = try DemoRegistry(extraDiscovered: extra)
        let result = try registry.json(["roles", "assign", "caption", "llava-undeclared"] + Self.store)
        let change = try #require(result["changes"]?.arrayValue?.first)
        #expect(change["action"]?.stringValue == "assigned")
        #expect(change["capabilities_from"]?.stringValue == "model")
        #expect(change["declared_capabilities"] == .array([.string("vision")]))
        #expect(try Self.entry("llava-undeclared", in: registry)?["capabilities"]?["vision"] == .bool(true))

        let claimed = try registry.run(["roles", "assign", "caption", "smollm2-claims-vision"] + Self.store)
        #expect(claimed.code == 1)
        #expect(claimed.out.contains("caption requires vision, which the model does not have"))
    }

    @Test func bulkSelectionByBackendAndCapability() throws {
        let registry = try DemoRegistry()
        let result = try registry.json(
            ["roles", "assign", "keywords", "--backend", "ollama", "--capability", "vision", "--dry-run"] + Self.store)
        #expect(
            result["changes"]?.arrayValue?.compactMap { $0["entry"]?.stringValue } == [
                "llava-mini-latest-ollama-gguf"
            ])
    }

    @Test func aDryRunWritesNothing() throws {
        let registry = try DemoRegistry()
        let before = try registry.files()
        let result = try registry.run(["roles", "assign", "caption", "llava-mini*", "--dry-run"] + Self.store)
        #expect(result.code == 0 && result.out.contains("Dry run: not modifying registry"))
        #expect(try registry.files() == before)
    }

    /// An edit the curated layer would lose is refused; an entry there that already has the role is fine.
    @Test func curatedEntriesAreNotEdited() throws {
        let registry = try DemoRegistry()
        let before = try registry.files()
        let refused = try registry.run(["roles", "unassign", "caption", "llava-1.5-7b-awq-vllm"] + Self.store)
        #expect(refused.code == 1 && refused.out.contains("belongs to the curated layer"))
        #expect(try registry.files() == before)
        let unchanged = try registry.run(["roles", "assign", "caption", "llava-1.5-7b-awq-vllm"] + Self.store)
        #expect(unchanged.code == 0 && unchanged.out.contains("already has caption"))
    }

    @Test func namesThatMatchNothingExitOne() throws {
        let registry = try DemoRegistry()
        let result = try registry.run(["roles", "assign", "caption", "no-such-*"] + Self.store)
        #expect(result.code == 1 && result.out.contains("no registry entry matches no-such-*"))
        #expect(try registry.run(["roles", "assign", "caption"]).code == 2)
    }
}
