import Foundation
import Testing

@Suite struct CompletionCLITests {
    @Test(arguments: ["bash", "zsh", "fish"]) func everyShellGetsAScript(_ shell: String) throws {
        let r = try runCLI(["--generate-completion-script", shell])
        #expect(r.code == 0 && r.out.contains("ollama-scan") && r.out.contains("---completion"))
    }

    /// What the scripts call for a model name: the store's models with the typed prefix, from the
    /// `--store` on the command line being completed.
    @Test func modelNamesCompleteFromTheStore() throws {
        for command in ["show", "verify", "du", "export"] {
            let r = try runCLI([
                "---completion", command, "--", "positional@0", "4", "2", "ollama-scan", command, "--store",
                Repo.fixtureStore, "SM",
            ])
            #expect(r.code == 0, "\(command): \(r.err)")
            #expect(r.out == "smollm2-coder:ctx1k\nsmollm2:135m\nsmollm2:latest\n", "\(command)")
        }
        let none = try runCLI([
            "---completion", "show", "--", "positional@0", "4", "2", "ollama-scan", "show", "--store", "/nonexistent",
            "",
        ])
        #expect(none.code == 0 && none.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
