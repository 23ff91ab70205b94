import FixtureKit
import Foundation
import ImageWorksRegistry
import RegistryImport
import OrderedJSON
import Testing

@Suite struct OllamaVariantNamingTests {
    /// Worked examples of Strategy A: id | family | quant | name | display name ("-" for no quant).
    static let rows = [
        "qwen2.5vl:7b|qwen2.5vl-7b|-|qwen2.5vl-7b-ollama-gguf|qwen2.5vl-7b",
        "llava|llava|-|llava-ollama-gguf|llava",
        "llama3.1-local:latest|llama3.1-local-latest|-|llama3.1-local-latest-ollama-gguf|llama3.1-local-latest",
        "testmodel:Q4_K|testmodel|q4_k|testmodel-ollama-gguf-q4_k|testmodel-q4_k",
        "qwen3:8b-q4_K_M|qwen3-8b-q4-k-m|-|qwen3-8b-q4-k-m-ollama-gguf|qwen3-8b-q4-k-m",
        "mistral:q4_0|mistral-q4-0|-|mistral-q4-0-ollama-gguf|mistral-q4-0",
        "mistral:Q4_K_M|mistral|q4_k_m|mistral-ollama-gguf-q4_k_m|mistral-q4_k_m",
        "mistral:q5_k_s|mistral-q5-k-s|-|mistral-q5-k-s-ollama-gguf|mistral-q5-k-s",
        "phi3:fp16|phi3|fp16|phi3-ollama-gguf-fp16|phi3-fp16",
        "phi3:F16|phi3|f16|phi3-ollama-gguf-f16|phi3-f16",
        "gemma:int8|gemma|int8|gemma-ollama-gguf-int8|gemma-int8",
        "model:awq|model|awq|model-ollama-gguf-awq|model-awq",
        "model:bf16|model-bf16|-|model-bf16-ollama-gguf|model-bf16",
        "hf.co/Hyphonical/Pixtral-12B-Captioner-Relaxed-Q4_K_M-GGUF:Q4_K_M|hf.co-hyphonical-pixtral-12b-captioner-relaxed-q4-k-m-gguf|q4_k_m|hf.co-hyphonical-pixtral-12b-captioner-relaxed-q4-k-m-gguf-ollama-gguf-q4_k_m|pixtral-12b-captioner-relaxed-q4-k-m-gguf-q4_k_m",
        "hf.co/huihui-ai/Huihui-gpt-oss-20b-mxfp4-abliterated-v2:latest|hf.co-huihui-ai-huihui-gpt-oss-20b-mxfp4-abliterated-v2-latest|-|hf.co-huihui-ai-huihui-gpt-oss-20b-mxfp4-abliterated-v2-latest-ollama-gguf|ai-huihui-gpt-oss-20b-mxfp4-abliterated-v2-latest",
        "seamon67/Gemma3-Abliterated:27b-q4_K_M|seamon67-gemma3-abliterated-27b-q4-k-m|-|seamon67-gemma3-abliterated-27b-q4-k-m-ollama-gguf|seamon67-gemma3-abliterated-27b-q4-k-m",
        "huihui_ai/gpt-oss-abliterated:20b|huihui-ai-gpt-oss-abliterated-20b|-|huihui-ai-gpt-oss-abliterated-20b-ollama-gguf|huihui-ai-gpt-oss-abliterated-20b",
        "aqualaguna/gemma-3-27b-it-abliterated-GGUF:q3_k_m|aqualaguna-gemma-3-27b-it-abliterated-gguf|q3_k_m|aqualaguna-gemma-3-27b-it-abliterated-gguf-ollama-gguf-q3_k_m|aqualaguna-gemma-3-27b-it-abliterated-gguf-q3_k_m",
        "original:name:tag|original-name:tag|-|original-name:tag-ollama-gguf|original-name:tag",
        "My Model@v2:Latest|my-model-v2-latest|-|my-model-v2-latest-ollama-gguf|my-model-v2-latest",
        "registry.ollama.ai/library/llama3:8b|registry.ollama.ai-library-llama3-8b|-|registry.ollama.ai-library-llama3-8b-ollama-gguf|registry.ollama.ai-library-llama3-8b",
        "x__y//z:--Q4--|x-y-z|q4|x-y-z-ollama-gguf-q4|x-y-z-q4",
    ]

    @Test(arguments: rows)
    func specificationRow(_ row: String) {
        let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let naming = OllamaVariantNaming(identifier: f[0])
        let quant = f[2] == "-" ? nil : f[2]
        #expect(naming.family == f[1])
        #expect(naming.tagQuant == quant)
        #expect(naming.variantName(quant: quant) == f[3])
        #expect(naming.displayName(quant: quant) == f[4])
    }

    /// Every row the original computed, when the reference data is beside the project.
    @Test func goldenFileOfTheOriginal() throws {
        let url = SharedReference.imageWorksRegistry.appendingPathComponent("golden/names_seed-14c5db2.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: \(url.path) is absent")
            return
        }
        let rows = try #require(try JSONReader.parse(Array(try Data(contentsOf: url))).arrayValue)
        #expect(rows.count == 28)
        for row in rows {
            let id = try #require(row["id"]?.stringValue)
            let quant = row["quant"]?.stringValue
            let naming = OllamaVariantNaming(identifier: id)
            #expect(naming.family == row["family"]?.stringValue, "\(id)")
            #expect(naming.tagQuant == quant, "\(id)")
            #expect(naming.variantName(quant: quant) == row["name"]?.stringValue, "\(id)")
            #expect(naming.displayName(quant: quant) == row["display_name"]?.stringValue, "\(id)")
            #expect(naming.recordDownloadName(quant: quant) == row["record_download_name"]?.stringValue, "\(id)")
        }
    }

    @Test func quantTokens() {
        for token in ["q4", "Q8", "q4_k", "q5_K_M", "int4", "INT8", "fp16", "f16", "awq", "gptq", "nf4", "fp8", " q4 "]
        {
            #expect(OllamaVariantNaming.isQuantToken(token), "\(token)")
        }
        for token in [
            "q4_0", "q8_0", "q5_1", "q4_k_s", "q3_k_l", "bf16", "f32", "fp32", "mxfp4", "iq4_xs", "q10", "8b-q4_K_M",
            "q", "",
        ] {
            #expect(!OllamaVariantNaming.isQuantToken(token), "\(token)")
        }
    }

    @Test func recordDownloadLeavesOutAQuantEqualToAPart() {
        #expect(OllamaVariantNaming(identifier: "awq:awq").recordDownloadName(quant: "awq") == "awq-ollama-gguf")
        #expect(OllamaVariantNaming(identifier: "awq:awq").variantName(quant: "awq") == "awq-ollama-gguf-awq")
    }
}
