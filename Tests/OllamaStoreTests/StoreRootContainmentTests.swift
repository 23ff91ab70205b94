import FileIO
import FixtureKit
import Foundation
@testable import OllamaStore
import Testing

/// One rule says whether a path is in the store, however it is spelled, before or after its folders exist.
@Suite struct StoreRootContainmentTests {
    let directory: TemporaryDirectory
    var root: StoreRoot { StoreRoot(path: directory.path + "/store") }

    init() throws {
        directory = try TemporaryDirectory()
        try Folder.create(directory.path + "/store/blobs")
        try Folder.create(directory.path + "/store/manifests")
        try Folder.create(directory.path + "/elsewhere")
        try directory.write("file", [1])
        try FileSystem.symbolicLink(at: directory.path + "/to-blobs", pointingTo: directory.path + "/store/blobs")
        try FileSystem.symbolicLink(at: directory.path + "/store/out", pointingTo: directory.path + "/elsewhere")
    }

    @Test(arguments: [
        "store", "store/", "store/blobs", "store/./blobs/x", "store/new/deeper", "to-blobs", "to-blobs/new",
        "missing/../store/blobs", "a/b/c/../../../store", "store/blobs/../../store/manifests", "elsewhere/../store",
        "to-blobs/../manifests",
    ])
    func inside(_ relative: String) {
        #expect(root.contains(directory.path + "/" + relative))
    }

    @Test(arguments: [
        "", "elsewhere", "storey", "store-copy/blobs", "store/..", "store/blobs/../..", "missing/../elsewhere",
        "store/out", "store/out/new", "to-blobs/../..", "file/x",
        // `..` after a link goes to the link target's parent, as the kernel goes: out of the store here.
        "store/out/../blobs",
    ])
    func outside(_ relative: String) {
        #expect(!root.contains(directory.path + "/" + relative))
    }

    @Test func relativePathsCountFromTheWorkingDirectory() throws {
        let saved = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        FileManager.default.changeCurrentDirectoryPath(directory.path + "/elsewhere")
        #expect(root.contains("../store/blobs/x"))
        #expect(root.contains("new/../../to-blobs"))
        #expect(!root.contains("new"))
    }
}

@Suite struct MissingStoreHintTests {
    /// A missing default store points at the Linux service's store when it is there, else at --store.
    @Test func theHintNamesWhatToDo() throws {
        let directory = try TemporaryDirectory()
        #expect(
            StoreRoot.missingDefaultHint(serviceStore: directory.path + "/absent")
                == "pass --store DIR or set OLLAMA_MODELS to the folder that holds manifests/ and blobs/")
        let service = directory.path + "/usr/share/ollama/.ollama/models"
        try FileManager.default.createDirectory(atPath: service, withIntermediateDirectories: true)
        #expect(
            StoreRoot.missingDefaultHint(serviceStore: service)
                == "the Linux service's store \(service) exists: pass --store \(service) or set OLLAMA_MODELS")
    }
}
