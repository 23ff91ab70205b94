import FixtureKit
import Foundation
import OllamaStore
import StoreCare
import Testing

@Suite struct DiskUsageTests {
    /// Every number `du` gives, against answers worked out from the descriptors the store was written with.
    @Test func everyNumberMatchesTheDescriptors() throws {
        let store = try CareStore()
        let scan = try StoreScanner(root: store.root, readsModelFiles: false).scan()
        let usage = DiskUsage(scan: scan)
        let users = store.users
        #expect(usage.models.count == 4)

        var referenced: [String: Int64] = [:]
        for (name, list) in store.descriptors {
            let model = try #require(usage.models.first { $0.name == name }, "\(name)")
            var distinct: [String: Int64] = [:]
            for d in list { distinct[d.digest] = store.bytesOnDisk(d) }
            referenced.merge(distinct) { a, _ in a }
            let shared = distinct.filter { users[$0.key]!.count > 1 }
            #expect(model.declaredSize == list.reduce(0) { $0 + Int64($1.size) }, "\(name) SIZE")
            #expect(model.uniqueBytes == distinct.values.reduce(0, +), "\(name) unique")
            #expect(model.sharedBytes == shared.values.reduce(0, +), "\(name) shared")
            #expect(model.exclusiveBytes == model.uniqueBytes - model.sharedBytes)
            #expect(Set(model.sharedBlobs.map(\.description)) == Set(shared.keys), "\(name) shared blobs")
        }
        // The figures the fixture was built to show.
        let big = try #require(usage.models.first { $0.name == "big:1b" })
        #expect(big.sharedBytes == big.uniqueBytes && big.exclusiveBytes == 0)
        #expect(big.largestSharedBlobUsers == ["big:latest"] && big.largestSharedBlobUserCount == 1)
        let alias = try #require(usage.models.first { $0.name == "big:latest" })
        #expect(
            alias.declaredSize - alias.uniqueBytes == Int64(store.descriptors["big:latest"]![3].size),
            "the license counted twice in SIZE")
        let small = try #require(usage.models.first { $0.name == "small:q8" })
        #expect(
            small.declaredSize - small.uniqueBytes == Int64(store.descriptors["small:q8"]![0].size),
            "the config repeated as a layer")
        // Its config (shared with ghost:7b) is larger than its template (shared with both big tags).
        #expect(small.largestSharedBlobUserCount == 1 && small.largestSharedBlobUsers == ["ghost:7b"])
        #expect(small.sharedBlobs.count == 2)
        let ghost = try #require(usage.models.first { $0.name == "ghost:7b" })
        #expect(ghost.missingBlobCount == 1 && ghost.largestSharedBlob != nil)

        let t = usage.totals
        #expect(t.referencedBytes == referenced.values.reduce(0, +))
        #expect(t.orphanBytes == 77 && t.orphanCount == 1)
        #expect(t.partialCount == 1)
        // The sparse data file counts what was written (whole blocks), not its 1 MiB length, plus the part files.
        #expect(t.partialBytes >= Int64(store.partialWritten) && t.partialBytes < Int64(store.partialLength) / 2)
        #expect(t.temporaryBytes == Int64(store.temporaryBytes) && t.temporaryCount == 1)
        #expect(t.foreignBytes == Int64(store.foreignBytes) && t.foreignCount == 1)
        let manifests = try FileManager.default.subpathsOfDirectory(atPath: store.directory.path + "/manifests")
            .compactMap { relative -> Int64? in
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: store.directory.path + "/manifests/" + relative)
                return attributes[.type] as? FileAttributeType == .typeRegular
                    ? (attributes[.size] as! NSNumber).int64Value : nil
            }
        #expect(t.manifestBytes == manifests.reduce(0, +))
        #expect(t.declaredSizeSum == usage.models.reduce(0) { $0 + $1.declaredSize })
        #expect(t.overCount == t.declaredSizeSum - t.referencedBytes && t.overCount > 1000)
        #expect(
            t.totalBytes == t.referencedBytes + t.orphanBytes + t.partialBytes + t.temporaryBytes + t.foreignBytes
                + t.manifestBytes)

        // Each blob two or more models use is listed once, with all of them.
        #expect(Set(usage.sharedBlobs.map(\.digest.description)) == Set(users.filter { $0.value.count > 1 }.keys))
        for blob in usage.sharedBlobs { #expect(blob.models == users[blob.digest.description]!.sorted()) }
    }

    /// Showing some models leaves the sharing and the totals as they are for the whole store.
    @Test func aSelectionOnlyNarrowsTheRows() throws {
        let store = try CareStore()
        let scan = try StoreScanner(root: store.root, readsModelFiles: false).scan()
        let all = DiskUsage(scan: scan)
        let one = DiskUsage(scan: scan, selected: scan.models(matching: "big:1b"))
        #expect(one.models.map(\.name) == ["big:1b"])
        #expect(one.models[0].sharedBytes == all.models.first { $0.name == "big:1b" }!.sharedBytes)
        #expect(
            one.totals.referencedBytes == all.totals.referencedBytes && one.sharedBlobs.count == all.sharedBlobs.count)
    }

    /// A blob whose size differs from its manifest counts what is on disk.
    @Test func aBlobOfTheWrongSizeCountsItsRealLength() throws {
        let store = try CareStore()
        let weights = store.descriptors["big:1b"]![1]
        let path = store.directory.path + "/blobs/sha256-" + weights.digest.dropFirst(7)
        try Data(repeating: 7, count: 400).write(to: URL(fileURLWithPath: path))
        let usage = DiskUsage(scan: try StoreScanner(root: store.root, readsModelFiles: false).scan())
        let big = try #require(usage.models.first { $0.name == "big:1b" })
        #expect(big.declaredSize - big.uniqueBytes == 600)
    }
}
