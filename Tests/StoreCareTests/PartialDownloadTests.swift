import FixtureKit
import Foundation
import OllamaStore
import StoreCare
import Testing

@Suite struct PartialDownloadTests {
    @Test func thePartsTellTheProgress() throws {
        let store = try CareStore()
        let scan = try StoreScanner(root: store.root, readsModelFiles: false).scan()
        let downloads = PartialDownload.all(in: scan.leftovers())
        #expect(downloads.count == 1)
        let download = try #require(downloads.first)
        #expect(
            download.digest.hex == store.partialDigest && download.partCount == 2 && download.unreadableParts.isEmpty)
        #expect(download.expectedBytes == Int64(store.partialLength) && download.completedBytes == 8192)
        #expect(download.fraction == 8192.0 / Double(store.partialLength))
    }

    static let brokenParts: [String] = [
        "", "{", "[1,2]", "null", #"{"N":0,"Size":100}"#, #"{"N":0,"Completed":5}"#, #"{"Size":"100","Completed":5}"#,
        #"{"Size":-1,"Completed":0}"#, "\u{FF}\u{FE}garbage",
    ]

    /// Garbage in a part file is named with its path; it never stops the listing.
    @Test(arguments: brokenParts) func aBrokenPartIsNamed(_ text: String) throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        let hex = String(repeating: "ab", count: 32)
        try store.addBlobsFile(named: "sha256-\(hex)-partial-0", bytes: Array(text.utf8))
        try store.addBlobsFile(
            named: "sha256-\(hex)-partial-1", bytes: Array(#"{"N":1,"Offset":0,"Size":100,"Completed":250}"#.utf8))
        let scan = try StoreScanner(root: StoreRoot(path: directory.path)).scan()
        let download = try #require(PartialDownload.all(in: scan.leftovers()).first)
        #expect(download.partCount == 2 && download.dataPath == nil)
        #expect(
            download.unreadableParts.count == 1 && download.unreadableParts[0].contains("sha256-\(hex)-partial-0: "))
        // Completed is capped at the part's size; without a data file the parts give the expected size.
        #expect(download.completedBytes == 100 && download.expectedBytes == 100 && download.fraction == 1)
    }

    @Test func unreadablePartsLeaveTheProgressUnknown() throws {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url)
        let hex = String(repeating: "cd", count: 32)
        try store.addBlobsFile(named: "sha256-\(hex)-partial", bytes: [UInt8](repeating: 0, count: 64))
        try store.addBlobsFile(named: "sha256-\(hex)-partial-0", bytes: Array("not json".utf8))
        let scan = try StoreScanner(root: StoreRoot(path: directory.path)).scan()
        let download = try #require(PartialDownload.all(in: scan.leftovers()).first)
        #expect(download.fraction == nil && download.completedBytes == nil && download.expectedBytes == 64)
    }
}
