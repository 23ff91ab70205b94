import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// Bundles that are truncated, corrupt or hostile: each is refused as a whole (exit 2) and leaves the store
/// it was unpacked into exactly as it was.
@Suite struct HostileBundleCLITests {
    /// Python's tarfile writes the archives: it makes every kind of member a hostile bundle could hold.
    static let script = #"""
        import hashlib, io, os, sys, tarfile
        out, good = sys.argv[1], sys.argv[2]
        data = b"hostile bundle blob bytes"
        digest = hashlib.sha256(data).hexdigest()
        def regular(name, payload):
            info = tarfile.TarInfo(name); info.size = len(payload); return info, io.BytesIO(payload)
        def build(name, members):
            with tarfile.open(os.path.join(out, name), "w", format=tarfile.PAX_FORMAT) as tar:
                tar.addfile(*regular("blobs/sha256-" + digest, data))
                for info, payload in members:
                    tar.addfile(info, payload)
        def link(name, kind, target):
            info = tarfile.TarInfo(name); info.type = kind; info.linkname = target; return info, None
        fifo = tarfile.TarInfo("blobs/sha256-" + "1" * 64); fifo.type = tarfile.FIFOTYPE
        build("climbs.tar", [regular("../evil", b"x")])
        build("absolute.tar", [regular("/tmp/ollama-scan-evil", b"x")])
        build("inner-climb.tar", [regular("manifests/../../evil", b"x")])
        build("symlink.tar", [link("blobs/sha256-" + "2" * 64, tarfile.SYMTYPE, "/etc/passwd")])
        build("hardlink.tar", [link("blobs/sha256-" + "3" * 64, tarfile.LNKTYPE, "blobs/sha256-" + digest)])
        build("fifo.tar", [(fifo, None)])
        build("outside.tar", [regular("other/file", b"x")])
        build("not-a-blob.tar", [regular("blobs/notablob", b"x")])
        build("short-manifest-path.tar", [regular("manifests/llama3/latest", b"{}")])
        build("bad-manifest.tar", [regular("manifests/registry.ollama.ai/library/bad/latest", b"{not json")])
        build("wrong-bytes.tar", [regular("blobs/sha256-" + "4" * 64, b"these bytes are not that digest")])
        with open(good, "rb") as f:
            whole = f.read()
        # Cut inside the last blob's data, and inside a header.
        with open(os.path.join(out, "truncated.tar"), "wb") as f:
            f.write(whole[: len(whole) // 2 + 100])
        with open(os.path.join(out, "cut-header.tar"), "wb") as f:
            f.write(whole[: 512 + 300])
        with open(os.path.join(out, "garbage.tar"), "wb") as f:
            f.write(os.urandom(4096))
        with open(os.path.join(out, "no-end.tar"), "wb") as f:
            f.write(whole[: len(whole) - 1024])
        """#

    static let hostile = [
        "climbs", "absolute", "inner-climb", "symlink", "hardlink", "fifo", "outside", "not-a-blob",
        "short-manifest-path", "bad-manifest", "wrong-bytes", "truncated", "cut-header", "garbage", "no-end",
    ]

    /// The bundles, written once.
    nonisolated(unsafe) static let bundles: TemporaryDirectory = {
        let directory = try! TemporaryDirectory()
        let good = directory.file("good.tar")
        let pack = try! runCLI(["pack", "smollm2:135m", "llava-mini", "-o", good, "--store", Repo.fixtureStore])
        precondition(pack.code == 0, pack.err)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, directory.path, good]
        try! python.run()
        python.waitUntilExit()
        precondition(python.terminationStatus == 0)
        return directory
    }()

    @Test(arguments: hostile) func refusedWithNothingLeftBehind(_ name: String) throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        _ = try runCLI(["rm", "alice/embed-mini:Q8_0", "-y", "--while-running", "--store", store.path])
        let before = try BundleCLITests.contents(store.path)
        let r = try runCLI(["unpack", Self.bundles.file(name + ".tar"), "--store", store.path, "--while-running"])
        #expect(r.code == 2, "\(name): \(r.code) \(r.err)")
        #expect(r.err.hasPrefix("ollama-scan: ") && r.err.split(separator: "\n").count == 1, "\(name): \(r.err)")
        #expect(try BundleCLITests.contents(store.path) == before, "\(name): the store changed")
        #expect(
            !FileManager.default.fileExists(atPath: "/tmp/ollama-scan-evil")
                && !FileManager.default.fileExists(atPath: store.file("../evil")))
        // Listing reads the same members and refuses the same bundles.
        let list = try runCLI(["unpack", "--list", Self.bundles.file(name + ".tar")])
        #expect(list.code == 2 || name == "wrong-bytes", "\(name): --list \(list.code)")
    }

    /// A model whose blob is neither in the bundle nor in the store is refused alone; the others are added.
    @Test func aModelWithoutItsBlobsIsRefusedAlone() throws {
        let work = try TemporaryDirectory()
        let full = work.file("full.tar")
        #expect(
            try runCLI(["pack", "smollm2:135m", "alice/embed-mini:Q8_0", "-o", full, "--store", Repo.fixtureStore]).code
                == 0)
        // The same members without smollm2's model blob.
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let blob = try #require(
            JSONReader.parse(try runCLI(["show", "smollm2:135m", "--json", "--store", Repo.fixtureStore]).out)[
                "model_blob"]?.stringValue)
        listing.arguments = ["tar", "--delete", "-f", full, "blobs/" + (blob as NSString).lastPathComponent]
        try listing.run()
        listing.waitUntilExit()
        let r = try runCLI(["unpack", full, "--store", work.file("new"), "--while-running", "--json"])
        #expect(r.code == 1)
        let models = try JSONReader.parse(r.out)["models"]?.arrayValue ?? []
        #expect(models.first { $0["name"]?.stringValue == "smollm2:135m" }?["action"]?.stringValue == "refused")
        #expect(models.first { $0["name"]?.stringValue == "alice/embed-mini:Q8_0" }?["action"]?.stringValue == "added")
        #expect(try runCLI(["models", "--names", "--store", work.file("new")]).out == "alice/embed-mini:Q8_0\n")
    }

    /// An existing manifest with other bytes is kept unless --force; a damaged blob in the way goes to
    /// quarantine and the good copy takes its name.
    @Test func existingManifestsAndDamagedBlobs() throws {
        let work = try TemporaryDirectory()
        let bundle = work.file("b.tar")
        #expect(try runCLI(["pack", "smollm2:135m", "-o", bundle, "--store", Repo.fixtureStore]).code == 0)
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let manifest = store.file("manifests/registry.ollama.ai/library/smollm2/135m")
        let original = try Data(contentsOf: URL(fileURLWithPath: manifest))
        try (original + Data("\n".utf8)).write(to: URL(fileURLWithPath: manifest))
        let blob = try #require(
            JSONReader.parse(try runCLI(["show", "smollm2:135m", "--json", "--store", store.path]).out)["model_blob"]?
                .stringValue)
        try BlobCorruption.zeroFilled.apply(to: blob, otherBlob: blob)
        let refused = try runCLI([
            "unpack", bundle, "--store", store.path, "--while-running", "--quarantine", work.file("q"),
        ])
        #expect(refused.code == 1 && refused.out.contains("REFUSED") && refused.out.contains("--force"))
        // The damaged blob was replaced by the bundle's good one, and kept aside.
        #expect(try runCLI(["verify", "smollm2:latest", "-q", "--store", store.path]).code == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: work.file("q")) == [
                (blob as NSString).lastPathComponent
            ])
        let forced = try runCLI(["unpack", bundle, "--store", store.path, "--while-running", "--force", "--json"])
        let action = try JSONReader.parse(forced.out)["models"]?.arrayValue?.first?["action"]?.stringValue
        #expect(forced.code == 0 && action == "replaced")
        #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == original)
    }
}
