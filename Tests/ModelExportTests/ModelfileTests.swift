import ModelExport
import Testing

@Suite struct ModelfileTests {
    static let values: [String] = [
        "plain", "two words", "{{ .Prompt }}", "\"starts with a quote\"", " leading space", "trailing space ",
        "line one\nline two", "\n\nblank lines around\n\n", "tabs\tinside", "a \"\"\" inside a line",
        "ends with a quote\"",
        "crlf\r\nlines", "émoji 🦙 and ünïcode", "{{- if .System }}<|system|>\n{{ .System }}<|end|>\n{{- end }}",
    ]

    /// Every value goes through `quoted` and comes back unchanged from Ollama's parsing.
    @Test(arguments: values)
    func aQuotedValueReadsBackUnchanged(_ value: String) throws {
        let text =
            "FROM ./model.gguf\nSYSTEM \(try Modelfile.quoted(value))\nPARAMETER stop \(try Modelfile.quoted(value))\n"
        let instructions = try ModelfileParser.parse(text)
        #expect(
            instructions == [.command("from", "./model.gguf"), .command("system", value), .parameter("stop", value)])
    }

    static let unrepresentable: [String] = [
        "bell\u{7}", "zero\u{200B}width", "no\u{A0}break", "ends\n\"\"\"\nthen more", "x\"\"\"  \ny",
    ]

    @Test(arguments: unrepresentable)
    func whatTheParserWouldChangeIsRefused(_ value: String) {
        #expect(throws: Modelfile.Unrepresentable.self) { try Modelfile.quoted(value) }
    }

    @Test func aRenderedModelfileParsesToItsInstructions() throws {
        let file = Modelfile(
            instructions: [
                .command("from", "./llama-3b.gguf"), .command("adapter", "./llama-3b.adapter-0.gguf"),
                .command("template", "{{ .Prompt }}\n"), .command("system", "You are \"helpful\"."),
                .parameter("temperature", "0.2"), .parameter("stop", "<|end|>"), .parameter("stop", "\n\nUser:"),
                .message(role: "user", "Hi: there"), .message(role: "assistant", "Hello\nfriend"),
                .command("license", "MIT License\n\nCopyright"),
            ],
            comments: ["exported by ollama-scan"])
        let text = file.render()
        #expect(text.hasPrefix("# exported by ollama-scan\n\nFROM ./llama-3b.gguf\n"))
        #expect(try ModelfileParser.parse(text) == file.instructions)
    }

    @Test func ollamaStyleModelfiles() throws {
        let text = """
            # a comment
            from llama3.2
            PARAMETER temperature 1
            PARAMETER num_ctx 4096
            SYSTEM \"\"\"You are Mario from Super Mario Bros.\"\"\"
            MESSAGE user Is Toronto in Canada?
            MESSAGE assistant yes
            """
        #expect(
            try ModelfileParser.parse(text) == [
                .command("from", "llama3.2"), .parameter("temperature", "1"), .parameter("num_ctx", "4096"),
                .command("system", "You are Mario from Super Mario Bros."),
                .message(role: "user", "Is Toronto in Canada?"),
                .message(role: "assistant", "yes"),
            ])
    }

    static let broken: [String] = [
        "SYSTEM hello", "FROM x\nBOGUS y", "FROM x\nMESSAGE robot hi", "FROM x\nSYSTEM \"\"\"never closed",
        "FROM x\nPARAMETER a-b 1",
        "FROM\n",
    ]

    @Test(arguments: broken)
    func brokenModelfilesAreErrors(_ text: String) {
        #expect(throws: ModelfileParser.ParseError.self) { try ModelfileParser.parse(text) }
    }
}
