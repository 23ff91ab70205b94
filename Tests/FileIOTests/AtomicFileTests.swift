import FileIO
import FixtureKit
import Foundation
import Testing

@Suite struct AtomicFileTests {
    func names(_ directory: TemporaryDirectory) throws -> [String] {
        try DirectoryListing(path: directory.path).entries.map(\.name)
    }

    func read(_ path: String) throws -> [UInt8] { try ReadOnlyFile.contents(ofFile: path) }

    @Test func writeReplacesWholeAndLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path + "/registry.json"
        try AtomicFile.write(Array("old".utf8), to: target)
        try AtomicFile.write(Array("new".utf8), to: target)
        #expect(try read(target) == Array("new".utf8))
        #expect(try names(directory) == ["registry.json"])
    }

    @Test func withoutReplacingAnExistingTargetIsKeptAndTheNewBytesGo() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path + "/Modelfile"
        try directory.write("Modelfile", Array("mine".utf8))
        #expect(throws: FileIOError.update(path: target, call: "rename", errno: .fileExists)) {
            try AtomicFile.write(Array("theirs".utf8), to: target, replacingExisting: false)
        }
        #expect(try read(target) == Array("mine".utf8))
        #expect(try names(directory) == ["Modelfile"])
        // A dangling link is something in the way too.
        try FileSystem.symbolicLink(at: directory.path + "/link", pointingTo: directory.path + "/nowhere")
        #expect(throws: FileIOError.update(path: directory.path + "/link", call: "rename", errno: .fileExists)) {
            try AtomicFile.write([1], to: directory.path + "/link", replacingExisting: false)
        }
    }

    @Test func aDiscardedOrReleasedFileLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path + "/model.gguf"
        let atomic = try AtomicFile(target: target)
        try [UInt8](repeating: 7, count: 1000).withUnsafeBytes { raw in
            try Result { () throws(FileIOError) in try atomic.file.write(raw) }.get()
        }
        #expect(try names(directory) == [".model.gguf.ollama-scan-\(getpid()).tmp"])
        atomic.discard()
        #expect(try names(directory).isEmpty)
        do {
            let released = try AtomicFile(target: target)
            _ = released.temporaryPath
        }
        #expect(try names(directory).isEmpty)
    }

    @Test func linksArePlacedThroughATemporaryName() throws {
        let directory = try TemporaryDirectory()
        try directory.write("source", Array("blob".utf8))
        let source = directory.path + "/source"
        try AtomicFile.placeSymbolicLink(at: directory.path + "/soft", pointingTo: source)
        try AtomicFile.placeHardLink(at: directory.path + "/hard", to: directory.path + "/soft")
        #expect(try SymbolicLink.destination(ofPath: directory.path + "/soft") == source)
        // A hard link to a link is a link to its file, never to the link.
        #expect(try FileStatus(path: directory.path + "/hard", followingSymlinks: false).kind == .regular)
        #expect(try FileStatus(path: source).linkCount == 2)
        // Again over itself: nothing changes and no temporary name is left.
        try AtomicFile.placeHardLink(at: directory.path + "/hard", to: source)
        #expect(try names(directory) == ["hard", "soft", "source"])
        #expect(throws: FileIOError.update(path: directory.path + "/hard", call: "rename", errno: .fileExists)) {
            try AtomicFile.placeHardLink(at: directory.path + "/hard", to: source, replacingExisting: false)
        }
        #expect(
            throws: FileIOError.update(
                path: directory.path + "/.x.ollama-scan-\(getpid()).tmp", call: "link", errno: .noSuchFileOrDirectory)
        ) {
            try AtomicFile.placeHardLink(at: directory.path + "/x", to: directory.path + "/missing")
        }
        #expect(try names(directory) == ["hard", "soft", "source"])
    }

    /// A killed writer's temporary files go at the next write into the folder: ours of any target, and the
    /// earlier registry writer's of the same target. A live writer's stay, and so does every other name.
    @Test func abandonedTemporaryFilesAreRemoved() throws {
        let directory = try TemporaryDirectory()
        let dead = try exitedProcessID()
        let left = [
            ".registry.json.ollama-scan-\(dead).tmp", ".registry.json.\(dead).tmp",  // killed writers of the target
            ".registry.20251125-100000.bak.json.ollama-scan-\(dead).tmp",  // of a backup
            ".registry.json.ollama-scan-1.tmp",  // a live process (init)
            ".other.json.\(dead).tmp", ".registry.json.backup.tmp", "registry.json.ollama-scan-\(dead).tmp",
            ".registry.json.ollama-scan-x\(dead).tmp",
        ]
        for name in left { try directory.write(name, [0]) }
        try AtomicFile.write(Array("[]".utf8), to: directory.path + "/registry.json")
        #expect(
            try names(directory) == [
                ".other.json.\(dead).tmp", ".registry.json.backup.tmp", ".registry.json.ollama-scan-1.tmp",
                ".registry.json.ollama-scan-x\(dead).tmp", "registry.json", "registry.json.ollama-scan-\(dead).tmp",
            ])
    }
}

@Suite struct FileLockTests {
    @Test func aSecondHolderWaitsOrFails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/.lock"
        let first = try FileLock(path: path)
        #expect(throws: FileIOError.lock(path: path, errno: .wouldBlock)) { try FileLock(path: path, waiting: false) }
        #expect(
            FileIOError.lock(path: path, errno: .wouldBlock).description == path + ": another process holds the lock")
        first.release()
        let second = try FileLock(path: path, waiting: false)
        second.release()
        #expect(throws: FileIOError.create(path: directory.path + "/missing/.lock", errno: .noSuchFileOrDirectory)) {
            try FileLock(path: directory.path + "/missing/.lock")
        }
    }
}

@Suite struct FileSystemTests {
    @Test func namesAndErrors() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a", [1, 2, 3])
        let a = directory.path + "/a"
        try FileSystem.rename(a, to: directory.path + "/b")
        #expect(!FileSystem.exists(a) && FileSystem.exists(directory.path + "/b"))
        #expect(throws: FileIOError.update(path: directory.path + "/c", call: "rename", errno: .noSuchFileOrDirectory))
        {
            try FileSystem.rename(a, to: directory.path + "/c")
        }
        try FileSystem.symbolicLink(at: directory.path + "/link", pointingTo: "b")
        #expect(try FileSystem.realPath(directory.path + "/link") == (try FileSystem.realPath(directory.path)) + "/b")
        #expect(throws: FileIOError.stat(path: directory.path + "/none", errno: .noSuchFileOrDirectory)) {
            try FileSystem.realPath(directory.path + "/none")
        }
        try FileSystem.remove(directory.path + "/link")
        try FileSystem.removeIfPresent(directory.path + "/link")
        #expect(
            throws: FileIOError.update(path: directory.path + "/link", call: "unlink", errno: .noSuchFileOrDirectory)
        ) {
            try FileSystem.remove(directory.path + "/link")
        }
        #expect(FileSystem.isDirectory(directory.path) && !FileSystem.isDirectory(directory.path + "/b"))
        let free = try #require(try FileSystem.availableBytes(at: directory.path))
        #expect(free > 0)
        #if os(Linux)
        // Linux's /proc reports no blocks at all: "unknown", not "full".
        #expect(try FileSystem.availableBytes(at: "/proc") == nil)
        #endif
        #expect(throws: FileIOError.stat(path: directory.path + "/none", errno: .noSuchFileOrDirectory)) {
            try FileSystem.availableBytes(at: directory.path + "/none")
        }
        #expect(FileSystem.folder(of: "a/b/c") == "a/b" && FileSystem.folder(of: "/a") == "/")
        #expect(FileSystem.folder(of: "a") == "." && FileSystem.folder(of: "/a/b/") == "/a")
        #expect(FileSystem.processExists(getpid()) && !FileSystem.processExists(Int32.max))
    }

    @Test func missingMeansNoSuchNameOrAFileOnTheWay() throws {
        let directory = try TemporaryDirectory()
        try directory.write("file", [1])
        for path in [directory.path + "/none", directory.path + "/file/below"] {
            do {
                _ = try FileStatus(path: path)
                Issue.record("\(path) exists")
            } catch {
                #expect(error.isMissingFile, "\(path)")
            }
        }
        #expect(!FileIOError.stat(path: "x", errno: .permissionDenied).isMissingFile)
    }
}

@Suite struct DirectoryWalkTests {
    @Test func everyFileBelowInOrderWithoutFollowingFolderLinks() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b/z.gguf", [1])
        try directory.write("b/a/deep.safetensors", [1])
        try directory.write("a.txt", [1])
        try FileSystem.symbolicLink(at: directory.path + "/loop", pointingTo: directory.path)
        let walk = try DirectoryWalk(root: directory.path)
        #expect(walk.entries.map(\.relativePath) == ["a.txt", "b/a/deep.safetensors", "b/z.gguf", "loop"])
        #expect(walk.entries.last?.kind == .symlink)
        #expect(try DirectoryWalk(root: directory.path, limit: 2).entries.count == 2)
        #expect(throws: FileIOError.listDirectory(path: directory.path + "/a.txt", errno: .notDirectory)) {
            try DirectoryWalk(root: directory.path + "/a.txt")
        }
    }
}
