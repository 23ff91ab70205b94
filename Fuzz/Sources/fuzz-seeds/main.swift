import FileIO
import FixtureKit
import Foundation
import GGUF
import ModelBundle
import ModelExport
import OllamaStore

// Writes the seed corpora of the fuzz targets, all made by the project's own code: GGUF headers of each version
// and byte order, the demo store's manifests and configs, the demo registry, a bundle of the demo store and the
// Modelfiles of its models. Usage: fuzz-seeds OUT REPOSITORY (OUT/<target>/ is replaced).
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: fuzz-seeds OUT REPOSITORY\n".utf8))
    exit(2)
}
let out = URL(fileURLWithPath: arguments[1])
let repository = URL(fileURLWithPath: arguments[2])
let files = FileManager.default

func seed(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
    let folder = out.appendingPathComponent(target)
    try files.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: folder.appendingPathComponent(name))
}

/// A bundle collected in memory.
final class MemorySink: ByteSink {
    var bytes: [UInt8] = []
    func write(_ chunk: UnsafeRawBufferPointer) throws(FileIOError) { bytes += chunk }
}

do {
    for target in ["fuzz-gguf", "fuzz-manifest", "fuzz-json", "fuzz-registry", "fuzz-bundle", "fuzz-modelfile"] {
        try? files.removeItem(at: out.appendingPathComponent(target))
    }

    // GGUF: versions 1 to 3 in both byte orders, with values of every type, arrays and tensors.
    for version: UInt32 in [1, 2, 3] {
        for bigEndian in [false, true] {
            var builder = GGUFBuilder()
            builder.version = version
            builder.isBigEndian = bigEndian
            builder.includesTensorData = false
            builder.add("general.architecture", GGUFValue.text("llama"))
            builder.add("general.name", GGUFValue.text("seed"))
            builder.add("general.file_type", .uint32(15))
            builder.add("general.alignment", .uint32(32))
            builder.add("llama.context_length", .uint64(4096))
            builder.add("llama.rope.freq_base", .float32(10000))
            builder.add("llama.use_parallel_residual", .bool(true))
            builder.add("tokenizer.ggml.tokens", GGUFValue.strings(["<s>", "</s>", "a", "b"]))
            builder.add(
                "tokenizer.ggml.scores", GGUFValue.array(of: .float32, [.float32(0), .float32(-1), .float32(-2)]))
            builder.add("seed.int8", .int8(-3))
            builder.add("seed.int64", .int64(-1))
            builder.add("seed.float64", .float64(0.5))
            builder.tensors = [
                .init("token_embd.weight", [64, 4], typeID: 12), .init("output_norm.weight", [64], typeID: 0),
            ]
            try seed("fuzz-gguf", "v\(version)-\(bigEndian ? "be" : "le").gguf", builder.build())
        }
    }

    // The demo store: its manifests and config blobs (manifest and JSON targets), a bundle of it, its Modelfiles.
    let store = files.temporaryDirectory.appendingPathComponent("fuzz-seeds-store-\(getpid())")
    defer { try? files.removeItem(at: store) }
    try DemoStore.write(to: store)
    let scan = try StoreScanner(root: StoreRoot(path: store.path)).scan()
    var index = 0
    for record in scan.models {
        index += 1
        let manifest = try Array(Data(contentsOf: URL(fileURLWithPath: record.manifestPath)))
        try seed("fuzz-manifest", "manifest-\(index).json", manifest)
        try seed("fuzz-json", "manifest-\(index).json", manifest)
        if let path = record.configBlob?.path, let bytes = try? Array(Data(contentsOf: URL(fileURLWithPath: path))) {
            try seed("fuzz-manifest", "config-\(index).json", bytes)
            try seed("fuzz-json", "config-\(index).json", bytes)
        }
        if let modelfile = try? ModelfileBuilder.storeModelfile(for: record) {
            try seed("fuzz-modelfile", "model-\(index).Modelfile", Array(modelfile.modelfile.render().utf8))
        }
    }
    let sink = MemorySink()
    _ = try Packer(scan: scan).pack(scan.models.filter { $0.problems.isEmpty }, into: sink)
    try seed("fuzz-bundle", "demo-store.tar", sink.bytes)
    // A bundle of one small model too: libFuzzer mutates small inputs much faster.
    if let smallest = scan.models.filter({ $0.problems.isEmpty }).min(by: { $0.size < $1.size }) {
        let one = MemorySink()
        _ = try Packer(scan: scan).pack([smallest], into: one)
        try seed("fuzz-bundle", "one-model.tar", one.bytes)
    }

    // The demo registry, in both layers and as the merged snapshot.
    for name in ["model_registry.json", "model_registry.curated.json", "model_registry.discovered.json"] {
        let bytes = try Array(Data(contentsOf: repository.appendingPathComponent("configs/\(name)")))
        try seed("fuzz-registry", name, bytes)
        try seed("fuzz-json", name, bytes)
    }
    print("wrote the seeds into \(out.path)")
} catch {
    FileHandle.standardError.write(Data("fuzz-seeds: \(error)\n".utf8))
    exit(1)
}
