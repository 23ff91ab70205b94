import FileIO
import FixtureKit
import Foundation
import Testing

@Suite struct FolderTests {
    @Test func createsEveryMissingFolderAndAcceptsOnesThatExist() throws {
        let directory = try TemporaryDirectory()
        let deep = directory.path + "/a/b/c"
        try Folder.create(deep)
        try Folder.create(deep)
        #expect(try FileStatus(path: deep).kind == .directory)
    }

    /// The file in the way is the path named, whether it is the folder itself or one on the way.
    @Test(arguments: ["file", "file/sub", "file/sub/deeper"])
    func aFileInTheWayIsNamed(_ relative: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("file", [1])
        #expect(throws: FileIOError.create(path: directory.path + "/file", errno: .notDirectory)) {
            try Folder.create(directory.path + "/" + relative)
        }
    }
}

@Suite struct SequentialReaderTests {
    /// A file is skipped through by seeking, and a skip past its end says how far it got.
    @Test func skipsThroughAFileAndStopsAtItsEnd() throws {
        let directory = try TemporaryDirectory()
        try directory.write("f", Array(0..<100))
        let reader = try SequentialReader(path: directory.file("f"))
        var scratch = [UInt8](repeating: 0, count: 8)
        #expect(try scratch.withUnsafeMutableBytes { try reader.skip(90, scratch: $0) } == 90)
        #expect(try scratch.withUnsafeMutableBytes { try reader.read(into: $0) } == 8 && scratch[0] == 90)
        #expect(try scratch.withUnsafeMutableBytes { try reader.skip(50, scratch: $0) } == 2)
        #expect(reader.offset == 100)
    }
}
