import FileIO
import FixtureKit
import Foundation
import GGUF
import Hashing
import ModelExport
import OllamaStore
import Testing

@Suite struct ModelExporterTests {
    /// The files a destination folder holds, hidden ones included, sorted.
    static func listing(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func everyGGUFIsByteIdenticalToItsBlobAndItsHeaderReads() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out/rich"
        let result = try ModelExporter(bufferSize: 64 << 10).export(
            try store.record("rich:1b"), from: store.root, to: destination)

        let expected: [(String, StoreBuilder.Descriptor, String)] = [
            ("rich-1b.gguf", store.model, "model"), ("rich-1b.mmproj-1.gguf", store.projector, "projector"),
            ("rich-1b.adapter-1.gguf", store.adapter, "adapter"), ("rich-1b.draft.gguf", store.draft, "draft"),
        ]
        #expect(Self.listing(destination) == (expected.map(\.0) + ["Modelfile"]).sorted())
        #expect(result.files.map(\.role.kind) == expected.map(\.2))
        for (name, descriptor, _) in expected {
            let path = destination + "/" + name
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: path))
                    == Data(contentsOf: URL(fileURLWithPath: store.blobPath(descriptor))))
            #expect(try FileStatus(path: path, followingSymlinks: false).kind == .regular)
            _ = try GGUFReader().readHeader(atPath: path)
        }
        #expect(result.files.allSatisfy { $0.verified && $0.method == .copy })
        #expect(
            result.bytesCopied == Int64(store.model.size + store.projector.size + store.adapter.size + store.draft.size)
        )
        #expect(result.warnings.isEmpty)
    }

    /// The Modelfile, parsed back as Ollama parses it, carries every layer's content exactly.
    @Test func theModelfileRoundTripsEveryLayer() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        _ = try ModelExporter().export(try store.record("rich:1b"), from: store.root, to: destination)
        let text = try String(contentsOfFile: destination + "/Modelfile", encoding: .utf8)
        let instructions = try ModelfileParser.parse(text)

        var expected: [Modelfile.Instruction] = [
            .command("from", "./rich-1b.gguf"), .command("from", "./rich-1b.mmproj-1.gguf"),
            .command("adapter", "./rich-1b.adapter-1.gguf"), .command("draft", "./rich-1b.draft.gguf"),
            .command("template", store.template), .command("system", store.system),
            .parameter("stop", "<|end|>"), .parameter("stop", "</s>"), .parameter("stop", "\n\nUser:"),
            .parameter("temperature", "0.7"), .parameter("num_ctx", "4096"), .parameter("penalize_newline", "true"),
            .parameter("num_predict", "1000000"),
            .message(role: "user", "Hi: there"), .message(role: "assistant", "Hello!\nHow can I help?"),
        ]
        expected += store.licenses.map { .command("license", $0) }
        expected += [
            .command("renderer", "qwen3-coder"), .command("parser", "qwen3-coder"), .command("requires", "0.12.0"),
        ]
        #expect(instructions == expected)
        #expect(text.hasPrefix("# Exported by ollama-scan from rich:1b (ID "))
    }

    @Test func whatAModelfileCannotCarryIsLeftOutWithAWarning() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        let result = try ModelExporter().export(try store.record("odd"), from: store.root, to: destination)
        let text = try String(contentsOfFile: destination + "/Modelfile", encoding: .utf8)
        let instructions = try ModelfileParser.parse(text)
        #expect(
            instructions == [
                .command("from", "./odd-latest.gguf"), .parameter("top_k", "40"), .message(role: "user", "ok"),
            ])
        #expect(result.warnings.count == 5)
        #expect(result.warnings.contains { $0.hasPrefix("SYSTEM") && $0.contains("U+200B") })
        #expect(result.warnings.contains { $0.hasPrefix("MESSAGE 1") && $0.contains("not tool") })
        #expect(result.warnings.contains { $0.hasPrefix("MESSAGE 2") && $0.contains("images") })
        #expect(result.warnings.contains { $0.hasPrefix("PARAMETER stop") })
        #expect(result.warnings.contains { $0.hasPrefix("PARAMETER bad-name") })
        for warning in result.warnings { #expect(text.contains("# Left out: \(warning)\n")) }
    }

    /// Both adapter files are exported, but the Modelfile names only the first, since `ollama create`
    /// refuses a second; the warning says so.
    @Test func aSecondAdapterIsExportedButNotNamed() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        let result = try ModelExporter().export(try store.record("duo:1b"), from: store.root, to: destination)
        #expect(
            Self.listing(destination) == ["Modelfile", "duo-1b.adapter-1.gguf", "duo-1b.adapter-2.gguf", "duo-1b.gguf"])
        let instructions = try ModelfileParser.parse(
            try String(contentsOfFile: destination + "/Modelfile", encoding: .utf8))
        #expect(instructions.filter { $0.name == "adapter" } == [.command("adapter", "./duo-1b.adapter-1.gguf")])
        #expect(
            result.warnings == [
                "ADAPTER ./duo-1b.adapter-2.gguf: ollama create takes one adapter; the file is exported but not named"
            ])
    }

    @Test func symbolicLinksPointAtTheBlobs() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        let result = try ModelExporter(method: .symlink).export(
            try store.record("rich:1b"), from: store.root, to: destination)
        #expect(result.bytesCopied == 0)
        #expect(result.files.allSatisfy { !$0.verified && $0.method == .symlink })
        let path = destination + "/rich-1b.gguf"
        #expect(try FileStatus(path: path, followingSymlinks: false).kind == .symlink)
        #expect(try SymbolicLink.destination(ofPath: path) == store.blobPath(store.model))
        _ = try GGUFReader().readHeader(atPath: path)
    }

    @Test func hardLinksAreTheBlobsFile() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        _ = try ModelExporter(method: .hardlink).export(try store.record("rich:1b"), from: store.root, to: destination)
        let exported = try FileStatus(path: destination + "/rich-1b.mmproj-1.gguf", followingSymlinks: false)
        let blob = try FileStatus(path: store.blobPath(store.projector))
        #expect(exported.kind == .regular)
        #expect((exported.device, exported.inode) == (blob.device, blob.inode))
        #expect(blob.linkCount == 2)
    }

    /// A link is made only after a size check: a truncated blob is refused and nothing is written.
    @Test(arguments: ["copy", "symlink", "hardlink"])
    func aBlobOfTheWrongSizeIsRefusedBeforeWriting(_ method: String) throws {
        let store = try ExportStore()
        try FileManager.default.removeItem(atPath: store.blobPath(store.adapter))
        try Data(repeating: 7, count: 10).write(to: URL(fileURLWithPath: store.blobPath(store.adapter)))
        let destination = store.directory.path + "/out"
        let exporter = ModelExporter(method: ModelExporter.Method(rawValue: method)!)
        #expect {
            try exporter.export(try store.record("rich:1b"), from: store.root, to: destination)
        } throws: { error in
            guard case ExportError.badBlob(let path, let reason) = error else { return false }
            return path == store.blobPath(store.adapter) && reason.contains("10 bytes")
        }
        #expect(Self.listing(destination).isEmpty)
    }

    /// A blob of the right size whose bytes do not hash to its name: the copy is deleted, the export fails,
    /// and no file (final or temporary) is left for it.
    @Test func aCorruptedBlobLeavesNoCopy() throws {
        let store = try ExportStore()
        let path = store.blobPath(store.model)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 100] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let destination = store.directory.path + "/out"
        #expect {
            try ModelExporter().export(try store.record("rich:1b"), from: store.root, to: destination)
        } throws: { error in
            guard case ExportError.badBlob(let failed, let reason) = error else { return false }
            return failed == path && reason.contains("does not hash to its name") && !(error as! ExportError).isRefusal
        }
        #expect(Self.listing(destination).isEmpty)
    }

    /// Cancelled in the middle of the model's copy: the temporary file is removed and no final name exists.
    @Test func anInterruptedCopyLeavesNoPartialFile() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        let cancellation = HashCancellation()
        var reports = 0
        #expect(throws: ExportError.interrupted) {
            try ModelExporter(bufferSize: 64 << 10).export(
                try store.record("rich:1b"), from: store.root, to: destination, cancellation: cancellation
            ) { progress in
                reports += 1
                if progress.bytesDone >= 1 << 20 { cancellation.cancel() }
            }
        }
        #expect(reports >= 16)
        #expect(Self.listing(destination).isEmpty)
    }

    @Test func existingFilesAreReplacedOnlyWithForce() throws {
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        let modelfile = destination + "/Modelfile"
        try Data("mine".utf8).write(to: URL(fileURLWithPath: modelfile))
        let record = try store.record("rich:1b")
        #expect(throws: ExportError.destinationExists([modelfile])) {
            try ModelExporter().export(record, from: store.root, to: destination)
        }
        #expect(Self.listing(destination) == ["Modelfile"])
        #expect(try String(contentsOfFile: modelfile, encoding: .utf8) == "mine")

        _ = try ModelExporter(replacesExisting: true).export(record, from: store.root, to: destination)
        #expect(try String(contentsOfFile: modelfile, encoding: .utf8).hasPrefix("# Exported by ollama-scan"))
        // Again, as hard links over the copies and then over themselves: no temporary name is left behind.
        _ = try ModelExporter(method: .hardlink, replacesExisting: true).export(
            record, from: store.root, to: destination)
        _ = try ModelExporter(method: .hardlink, replacesExisting: true).export(
            record, from: store.root, to: destination)
        #expect(Self.listing(destination).count == 5)
        #expect(
            try FileStatus(path: destination + "/rich-1b.gguf").inode
                == FileStatus(path: store.blobPath(store.model)).inode)
    }

    static let refused: [String] = [
        "big:31b-cloud|it is a cloud model; its weights live on https://ollama.com:443",
        "mlx:nvfp4|its format is safetensors",
        "empty|its manifest has no model layer",
    ]

    @Test(arguments: refused)
    func modelsWithoutAGGUFModelLayerAreRefusedWithTheReason(_ row: String) throws {
        let parts = row.split(separator: "|").map(String.init)
        let store = try ExportStore()
        let destination = store.directory.path + "/out"
        #expect {
            try ModelExporter().export(try store.record(parts[0]), from: store.root, to: destination)
        } throws: { error in
            guard let error = error as? ExportError, case .notExportable = error else { return false }
            return error.isRefusal && error.description.contains(parts[1])
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    /// Inside the store, directly, through a link, as folders still to be created, or through `..` after a
    /// folder still to be created (which `mkdir -p` would make, putting the files in the store): refused, with
    /// or without --force, and nothing is created anywhere.
    @Test(arguments: [
        "store/blobs", "store/blobs/new/folder", "link/new", "missing/../store/blobs",
        "missing/deeper/../../store/manifests/registry.ollama.ai/library/rich", "store/blobs/../../store",
        "link/../../store", "missing/../link/new",
    ])
    func aDestinationInsideTheStoreIsRefused(_ relative: String) throws {
        let store = try ExportStore()
        try FileManager.default.createSymbolicLink(
            atPath: store.directory.path + "/link", withDestinationPath: store.blobsPath)
        let everything = { (try? FileManager.default.subpathsOfDirectory(atPath: store.directory.path).sorted()) ?? [] }
        let before = everything()
        let destination = store.directory.path + "/" + relative
        for force in [false, true] {
            #expect {
                try ModelExporter(replacesExisting: force).export(
                    try store.record("rich:1b"), from: store.root, to: destination)
            } throws: { error in
                guard case ExportError.unusableDestination(_, let reason) = error else { return false }
                return reason.contains("inside the Ollama store")
            }
        }
        #expect(everything() == before)
        #expect(store.root.contains(destination))
    }

    /// A file where a folder of the destination should be is named as the problem, at any depth.
    @Test(arguments: ["file", "file/sub/deeper"])
    func aFileInTheWayOfTheDestinationIsNamed(_ relative: String) throws {
        let store = try ExportStore()
        try Data([1]).write(to: URL(fileURLWithPath: store.directory.path + "/file"))
        #expect(throws: ExportError.unusableDestination(path: store.directory.path + "/file", reason: "not a folder")) {
            try ModelExporter().export(
                try store.record("rich:1b"), from: store.root, to: store.directory.path + "/" + relative)
        }
    }

    #if os(Linux)
    /// A folder that cannot be made is named with the reason; /proc, a file system without blocks, is not
    /// mistaken for a full one. (Linux's /proc, and its error for a new folder there.)
    @Test func aFolderThatCannotBeMadeIsNamedWithTheReason() throws {
        let store = try ExportStore()
        #expect(
            throws: ExportError.unusableDestination(
                path: "/proc/ollama-scan-export-test", reason: "cannot create the folder: no such file or directory")
        ) {
            try ModelExporter().export(
                try store.record("rich:1b"), from: store.root, to: "/proc/ollama-scan-export-test/out")
        }
    }
    #endif

    @Test func aMissingTextLayerFailsBeforeAnythingIsWritten() throws {
        let store = try ExportStore()
        let record = try store.record("rich:1b")
        let license = try #require(record.layers.last?.path)
        try FileManager.default.removeItem(atPath: license)
        let destination = store.directory.path + "/out"
        #expect(throws: ExportError.badBlob(path: license, reason: "the license blob is missing")) {
            try ModelExporter().export(record, from: store.root, to: destination)
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    /// A copy larger than the free space is refused before any folder is created or any blob read; links
    /// need no room and go ahead. The blob is an 8 TiB sparse file, so no disk here can hold its copy.
    @Test(.timeLimit(.minutes(1))) func aCopyWithNoRoomIsRefusedBeforeAnythingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let builder = try StoreBuilder(root: URL(fileURLWithPath: directory.path + "/store"))
        let hex = String(repeating: "ab", count: 32)
        let huge = StoreBuilder.Descriptor(
            mediaType: ExportStore.media("model"), digest: "sha256:" + hex, size: 8 << 40)
        let blob = directory.path + "/store/blobs/sha256-" + hex
        #expect(FileManager.default.createFile(atPath: blob, contents: nil))
        #expect(truncate(blob, 8 << 40) == 0)
        let config = try builder.addBlob(Array(#"{"model_format":"gguf"}"#.utf8), mediaType: StoreBuilder.dockerConfig)
        try builder.addManifest("registry.ollama.ai/library/huge/latest", config: config, layers: [huge])
        let record = try #require(
            try StoreScanner(root: StoreRoot(path: directory.path + "/store")).scan().models(matching: "huge").first)
        let destination = directory.path + "/out/deeper"

        #expect {
            try ModelExporter().export(record, from: StoreRoot(path: directory.path + "/store"), to: destination)
        } throws: { error in
            guard let error = error as? ExportError, case .unusableDestination(let path, let reason) = error else {
                return false
            }
            return error.isRefusal && path == directory.path && reason.contains("need 8.8 TB")
                && reason.contains("--link")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out"))

        let linked = try ModelExporter(method: .symlink).export(
            record, from: StoreRoot(path: directory.path + "/store"), to: destination)
        #expect(linked.files.map(\.size) == [8 << 40])
    }
}
