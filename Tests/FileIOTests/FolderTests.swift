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
