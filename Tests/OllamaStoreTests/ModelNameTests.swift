import OllamaStore
import Testing

@Suite struct ModelNameTests {
    static let names: [String] = [
        "llama3|registry.ollama.ai|library|llama3|latest|llama3:latest",
        "llama3:8b|registry.ollama.ai|library|llama3|8b|llama3:8b",
        "user/model:tag|registry.ollama.ai|user|model|tag|user/model:tag",
        "hf.co/bartowski/Foo-GGUF:Q4_K_M|hf.co|bartowski|Foo-GGUF|Q4_K_M|hf.co/bartowski/Foo-GGUF:Q4_K_M",
        "hf.co/bartowski/Foo-GGUF|hf.co|bartowski|Foo-GGUF|latest|hf.co/bartowski/Foo-GGUF:latest",
        "huggingface.co/o/r:Q8_0|huggingface.co|o|r|Q8_0|huggingface.co/o/r:Q8_0",
        "localhost:5000/ns/m:t|localhost:5000|ns|m|t|localhost:5000/ns/m:t",
        "localhost:5000/ns/m|localhost:5000|ns|m|latest|localhost:5000/ns/m:latest",
        "https://registry.ollama.ai/library/llama3|registry.ollama.ai|library|llama3|latest|llama3:latest",
        "REGISTRY.OLLAMA.AI/Library/Llama3:8B|REGISTRY.OLLAMA.AI|Library|Llama3|8B|Llama3:8B",
        "gpt-oss:20b-cloud|registry.ollama.ai|library|gpt-oss|20b-cloud|gpt-oss:20b-cloud",
    ]

    @Test(arguments: names)
    func parsesAndDisplaysLikeOllama(row: String) {
        let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let (input, host, namespace, model, tag, display) = (f[0], f[1], f[2], f[3], f[4], f[5])
        let name = ModelName(parsing: input)
        #expect(name == ModelName(host: host, namespace: namespace, model: model, tag: tag))
        #expect(name.isValid)
        #expect(name.displayShortest == display)
    }

    @Test(arguments: [
        "a/b/c/d", "model:", ":tag", "/m", "ns/", "name@sha256:abc", "na me", "-model", "ns.x/model", "m:t:cloud:x/y",
        "modèle",
    ])
    func invalidNames(input: String) {
        #expect(!ModelName(parsing: input).isValid)
    }

    @Test func partRules() {
        #expect(ModelName(host: "h", namespace: "ns", model: "m.1", tag: "v1.2").isValid)
        #expect(ModelName(host: "h", namespace: "n.s", model: "m", tag: "t").invalidPart?.part == "namespace")
        #expect(ModelName(host: "h", namespace: "ns", model: "m", tag: "t:x").invalidPart?.part == "tag")
        #expect(ModelName(host: "h:1", namespace: "ns", model: "m", tag: ".DS_Store").invalidPart?.part == "tag")
        #expect(ModelName(host: String(repeating: "h", count: 350), namespace: "n", model: "m", tag: "t").isValid)
        #expect(!ModelName(host: String(repeating: "h", count: 351), namespace: "n", model: "m", tag: "t").isValid)
        #expect(ModelName(host: "h", namespace: "n", model: String(repeating: "m", count: 80), tag: "t").isValid)
        #expect(!ModelName(host: "h", namespace: "n", model: String(repeating: "m", count: 81), tag: "t").isValid)
        #expect(ModelName(host: "h", namespace: "n", model: "m", tag: "latest.json").isValid)
    }

    @Test func matchingIgnoresCasePerPart() {
        #expect(ModelName(parsing: "LLAMA3").matches(ModelName(parsing: "llama3:latest")))
        #expect(!ModelName(parsing: "llama3:8b").matches(ModelName(parsing: "llama3:latest")))
    }
}
