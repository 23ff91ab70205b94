import FileIO
import GGUF
import OllamaStore
import Testing

/// Each problem prints as one line that names what is wrong and where.
@Suite struct ModelProblemTests {
    @Test func descriptions() {
        let blob = "/s/blobs/sha256-ab"
        let layer = ModelProblem.BlobRole.layer(index: 2, mediaType: LayerMediaType.model)
        let cases: [(ModelProblem, String)] = [
            (
                .invalidManifest(.field("layers", "is a string, expected an array")),
                "invalid manifest: layers is a string, expected an array"
            ),
            (
                .blob(.config, location: blob, declaredSize: 10, state: .missing),
                "config blob /s/blobs/sha256-ab is missing"
            ),
            (
                .blob(layer, location: blob, declaredSize: 10, state: .sizeDiffers(actual: 7)),
                "layer 2 (model) /s/blobs/sha256-ab is 7 bytes, the manifest declares 10"
            ),
            (
                .blob(
                    layer, location: blob, declaredSize: 10, state: .unreadable(reason: "a directory is in its place")),
                "layer 2 (model) /s/blobs/sha256-ab is unusable: a directory is in its place"
            ),
            (
                .blob(.layer(index: 0, mediaType: "x/y"), location: "md5:00", declaredSize: 1, state: .invalidDigest),
                "layer 0 (x/y) has an invalid digest \"md5:00\""
            ),
            (
                .unreadableConfig(path: blob, reason: "invalid JSON: unexpected end"),
                "config blob /s/blobs/sha256-ab: invalid JSON: unexpected end"
            ),
            (.configField("context_length is not an integer"), "config: context_length is not an integer"),
            (.modelGGUF("truncated"), "model GGUF: truncated"),
            (
                .quantizationDisagreement(header: "Q4_0", config: "Q8_0"),
                "quantization: the GGUF header says Q4_0 but the config says Q8_0"
            ),
        ]
        for (problem, text) in cases { #expect(problem.description == text) }
        let error = GGUFError.io(.open(path: blob, errno: .permissionDenied))
        #expect(ModelProblem.unreadableModelGGUF(error).description == "model GGUF: \(error)")
        #expect(ModelProblem.unreadableProjectorGGUF(error).description == "projector GGUF: \(error)")
    }
}
