import FixtureKit
import FileIO
import Foundation
import OllamaStore
import Testing

/// Real Ollama manifests (read from `../shared/reference`): their names, IDs and sizes, from their bytes.
@Suite(.enabled(if: Paths.hasReference, "../shared/reference/ollama-manifests is absent"))
struct ReferenceConformanceTests {
    static let table: [String] = [
        "registry.ollama.ai/library/llama3.2/3b|llama3.2:3b|a80c4f17acd5|2019393189|2.0 GB|2019393189|5",
        "registry.ollama.ai/library/nomic-embed-text/latest|nomic-embed-text:latest|0a109f422b47|274302450|274 MB|274302450|3",
        "hf.co/BioMistral/BioMistral-7B-DARE-GGUF/Q5_K_M|hf.co/BioMistral/BioMistral-7B-DARE-GGUF:Q5_K_M|6208f697a1a0|5131409921|5.1 GB|5131409921|3",
        "registry.ollama.ai/dengcao/Qwen3-Embedding-0.6B/Q8_0|dengcao/Qwen3-Embedding-0.6B:Q8_0|d7ce64be5085|639163379|639 MB|639163379|4",
        "registry.ollama.ai/library/qwen2.5-coder/32b-ctx1k|qwen2.5-coder:32b-ctx1k|7fff707c334f|19851350093|19 GB|19851350093|6",
        "registry.ollama.ai/library/gemma4/31b-cloud|gemma4:31b-cloud|c382fbfbc73b|342|-|342|0",
        "registry.ollama.ai/library/magicoder/7b-s-cl-q6_K|magicoder:7b-s-cl-q6_K|cf853951ae4a|5529195423|5.5 GB|5529194968|5",
        "registry.ollama.ai/library/gpt-oss/20b|gpt-oss:20b|17052f91a42e|13793441244|13 GB|13793441244|4",
        "registry.ollama.ai/library/qwen3-vl/8b|qwen3-vl:8b|901cae732162|6140415879|6.1 GB|6140404524|4",
        "registry.ollama.ai/library/qwen3.6/35b-a3b-nvfp4|qwen3.6:35b-a3b-nvfp4|1b50c6fdc2d4|21909210142|21 GB|21909210142|996",
    ]

    static func referenceFile(_ manifestPath: String) -> URL {
        Paths.reference.appendingPathComponent(
            "dvessel+dot-files__.ollama__models__manifests__" + manifestPath.replacingOccurrences(of: "/", with: "__"))
    }

    /// A store holding every reference manifest and config blob, and nothing else.
    static func buildStore() throws -> TemporaryDirectory {
        let store = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: store.url.appendingPathComponent("blobs"), withIntermediateDirectories: true)
        for row in table {
            let path = String(row.split(separator: "|")[0])
            try store.write("manifests/" + path, Array(try Data(contentsOf: referenceFile(path))))
        }
        let llava = Paths.reference.appendingPathComponent(
            "RECONSTRUCTED-canonical__registry.ollama.ai__library__llava__latest")
        try store.write("manifests/registry.ollama.ai/library/llava/latest", Array(try Data(contentsOf: llava)))
        let configs = Paths.reference.appendingPathComponent("configs")
        for name in try FileManager.default.contentsOfDirectory(atPath: configs.path) {
            let blob = String(name.split(separator: "__").last!)
            try store.write("blobs/" + blob, Array(try Data(contentsOf: configs.appendingPathComponent(name))))
        }
        return store
    }

    @Test func namesIDsAndSizesMatchOllama() throws {
        let store = try Self.buildStore()
        let scan = try StoreScanner(root: StoreRoot(path: store.path)).scan()
        #expect(scan.models.count == 11)
        for row in Self.table {
            let f = row.split(separator: "|").map(String.init)
            let model = try #require(scan.models.first { $0.manifestPath.hasSuffix("/manifests/" + f[0]) }, "\(f[0])")
            #expect(model.displayName == f[1])
            #expect(model.id == f[2])
            #expect(model.size == Int64(f[3])!)
            #expect((model.isRemote ? "-" : HumanFormat.bytes(model.size)) == f[4])
            #expect(model.uniqueSize == Int64(f[5])!)
            #expect(model.layers.count == Int(f[6])!)
            #expect(model.name.isValid)
        }
        let llava = try #require(scan.models.first { $0.displayName == "llava:latest" })
        #expect(llava.id == "8dd30f6b0cb1" && llava.size == 4_733_363_377)
        #expect(Set(scan.models.map(\.displayName)).count == 11)
    }

    @Test func configDetailsAndQuirks() throws {
        let store = try Self.buildStore()
        let scan = try StoreScanner(root: StoreRoot(path: store.path)).scan()
        func model(_ name: String) throws -> ModelRecord { try #require(scan.models.first { $0.displayName == name }) }
        let llama = try model("llama3.2:3b")
        #expect(llama.format == "gguf" && llama.family == "llama" && llama.parameterSize == "3.2B")
        #expect(llama.quantization == "Q4_K_M" && llama.quantizationSource == .config)
        #expect(llama.status == .missingBlobs)
        let coder = try model("qwen2.5-coder:32b-ctx1k")
        #expect(coder.parentModel == "qwen2.5-coder:32b-instruct-q4_K_M")
        let vl = try model("qwen3-vl:8b")
        #expect(vl.parentModel == nil && vl.size - vl.uniqueSize == 11355)
        let cloud = try model("gemma4:31b-cloud")
        #expect(cloud.status == .remote && cloud.isRemote)
        #expect(cloud.capabilities == ["completion", "tools", "vision", "thinking"])
        #expect(cloud.contextLength == 262144)
        let mlx = try model("qwen3.6:35b-a3b-nvfp4")
        #expect(mlx.format == "safetensors" && mlx.quantization == "nvfp4" && mlx.modelBlob == nil)
        #expect(mlx.layers.filter { $0.name != nil }.count == 994)
        let gpt = try model("gpt-oss:20b")
        #expect(gpt.capabilities.contains("thinking") && gpt.quantization == "MXFP4")
        let magicoder = try model("magicoder:7b-s-cl-q6_K")
        #expect(magicoder.parameterSize == "7B" && magicoder.families == nil)
        // Config blobs not in the reference data: the model is kept, with its name, ID and SIZE.
        let bio = try model("hf.co/BioMistral/BioMistral-7B-DARE-GGUF:Q5_K_M")
        #expect(bio.status == .missingBlobs && bio.config == nil)
        #expect(
            scan.warnings.contains {
                $0.path.hasSuffix("BioMistral-7B-DARE-GGUF/Q5_K_M") && $0.reason.contains("config blob")
            })
    }

    @Test func jqReformattedLlavaIsHashedAsItIs() throws {
        let store = try TemporaryDirectory()
        let file = Paths.reference.appendingPathComponent(
            "josh+ollama-models-nix__manifests__registry.ollama.ai__library__llava__latest.json")
        try store.write("manifests/registry.ollama.ai/library/llava/latest.json", Array(try Data(contentsOf: file)))
        try store.write("blobs/.keep", [])
        let scan = try StoreScanner(root: StoreRoot(path: store.path)).scan()
        #expect(scan.models.map(\.displayName) == ["llava:latest.json"])
        #expect(scan.models.first?.digest == "17de1ffede64326132f7100451444f7453c36de1e2f3f0a8b8c8bf1b3bbc5a75")
        #expect(scan.models.first?.size == 4_733_363_377)
    }
}
