import GGUF
import Testing

@Suite struct GGUFFileTypeTests {
    @Test(arguments: [
        (0, "F32"), (1, "F16"), (2, "Q4_0"), (3, "Q4_1"), (7, "Q8_0"), (10, "Q2_K"), (15, "Q4_K_M"), (18, "Q6_K"),
        (19, "IQ2_XXS"), (21, "Q2_K_S"), (27, "IQ3_M"), (31, "IQ1_M"), (32, "BF16"), (36, "TQ1_0"),
        (38, "MXFP4_MOE"), (39, "NVFP4"), (40, "Q1_0"),
    ])
    func ollamaHeadNames(value: UInt32, name: String) {
        #expect(GGUFFileType(storedValue: value, architecture: "llama").name == name)
    }

    @Test(arguments: [4, 5, 6, 33, 34, 35, 41, 1024])
    func unnamedValues(value: UInt32) {
        let type = GGUFFileType(storedValue: value, architecture: "llama")
        #expect(type.name == nil)
        #expect(type.description == "unknown (\(value))")
    }

    func tensor(_ name: String, _ type: UInt32, _ elements: UInt64 = 256) -> GGUFTensorInfo {
        GGUFTensorInfo(name: name, dimensions: [elements], type: GGMLType(id: type)!, offset: 0)
    }

    @Test func guessSkipsNormsAndMapsKQuants() {
        let tensors = [
            tensor("a", 12), tensor("b", 12), tensor("c", 14), tensor("n1", 0), tensor("n2", 0), tensor("n3", 0),
            tensor("x.norm.weight", 1), tensor("y.norm.weight", 1), tensor("z.norm.weight", 1),
        ]
        let guess = GGUFFileType.guess(from: tensors)
        #expect(guess?.name == "Q4_K_M")
        #expect(guess?.isGuessed == true)
        #expect(guess?.description == "Q4_K_M (guessed)")
        #expect(GGUFFileType.guess(from: [tensor("a", 0), tensor("b", 0)])?.name == "F32")
        #expect(GGUFFileType.guess(from: [tensor("a", 8, 32), tensor("b", 14, 256)])?.name == "Q6_K")
        #expect(GGUFFileType.guess(from: [tensor("a", 11), tensor("b", 13, 512)])?.name == "Q5_K_M")
        #expect(
            GGUFFileType.guess(from: [tensor("a", 11), tensor("b", 13)])?.name == "Q3_K_M",
            "a full tie goes to the first name")
        #expect(GGUFFileType.guess(from: []) == nil)
    }
}
