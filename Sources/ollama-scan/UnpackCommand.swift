import ArgumentParser
import FileIO
import Foundation
import Hashing
import ModelBundle
import OllamaStore
import OrderedJSON
import StoreWriting

/// `ollama-scan unpack FILE…`: bundles from `pack` (or tar archives of a store's layout) into a store.
struct UnpackCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "unpack", abstract: "Put the models of bundles into the store, verifying every blob (see pack).",
        discussion: """
            Every blob is verified while it is extracted, under a temporary name, and gets its name only when \
            its bytes hash to it; a blob the store already has is re-used only when it verifies (a damaged one \
            is moved to the quarantine folder and replaced). Manifests are written last, each only when every \
            blob it references is in place and verified; an existing manifest whose bytes differ is refused \
            unless --force. A truncated, corrupt or hostile bundle (absolute paths, .., links, names outside \
            manifests/ and blobs/, a blob whose bytes do not match its name) is refused as a whole, and \
            nothing of it is left behind. Reads bundles from pack, GNU tar and bsdtar; - reads standard input. \
            --dry-run reads and verifies everything and says what would be added, writing nothing. \
            The store is made if missing. It refuses while an Ollama server runs (--while-running overrides) \
            and while another ollama-scan writes (--wait waits).
            """,
        examples: [
            "ollama-scan unpack models.tar", "ollama-scan unpack --list models.tar",
            "ssh old-box ollama-scan pack llama3.2:3b -o - | ollama-scan unpack -",
        ])

    @Argument(help: "The bundles (- for standard input).", completion: .file(extensions: ["tar"]))
    var bundles: [String]

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var writeOptions: WriteOptions

    @Flag(help: "List the models and sizes in the bundles; extract nothing.")
    var list = false

    @Flag(help: "Replace existing manifests whose bytes differ.")
    var force = false

    @Flag(help: "Read and verify the bundles and say what would be added; write nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp(
            "Where a damaged blob in the way goes (default: beside the store, ollama-scan-quarantine-<date>).",
            valueName: "dir"), completion: .directory)
    var quarantine: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if bundles.isEmpty { throw ValidationError("Name at least one bundle.") }
        if bundles.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read once.") }
        if bundles.contains("-") && isatty(STDIN_FILENO) == 1 {
            throw ValidationError("- reads the bundle from standard input, which is the terminal: pipe a bundle in.")
        }
    }

    func run() throws {
        if list { return try printListings() }
        let root = try storeRoot()
        let writeGuard = dryRun ? nil : try writeOptions.guardStore(root)
        defer { writeGuard?.release() }
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        var unpacker = Unpacker(
            root: root, quarantine: quarantine.map(Quarantine.init(folder:)) ?? .beside(root, nowNanoseconds: now))
        unpacker.replacesManifests = force
        unpacker.dryRun = dryRun
        let cancellation = HashCancellation()
        let interruptions = Interruptions(cancelling: cancellation)
        defer { interruptions.restore() }
        var reports: [UnpackReport] = []
        for bundle in bundles {
            let report: UnpackReport
            do {
                report = try unpacker.unpack(bundle, cancellation: cancellation)
            } catch {
                if error == .cancelled {
                    throw CommandFailure(message: "interrupted: no manifest was written", exitCode: 130)
                }
                throw CommandFailure(
                    message: error.description + "; nothing of it was kept", exitCode: Self.exitCode(error))
            }
            reports.append(report)
        }
        if json {
            let documents = reports.map(Self.jsonValue)
            print(JSONWriter.pythonIndented(documents.count == 1 ? documents[0] : .array(documents)))
        } else {
            print(reports.map(Self.render).joined(separator: "\n\n"))
        }
        if reports.contains(where: \.hasRefusals) { throw ExitCode(1) }
    }

    /// The store, made (empty) when it does not exist yet: a bundle is how a new machine gets its models.
    private func storeRoot() throws -> StoreRoot {
        do {
            return try StoreRoot.locate(explicit: storeOptions.store, environment: ProcessInfo.processInfo.environment)
        } catch {
            guard case .rootMissing(let path, _) = error else { throw CommandFailure.unusable(error.description) }
            let root = StoreRoot(path: path)
            if dryRun { return root }
            do {
                for folder in [root.manifestsPath, root.blobsPath] { try Folder.create(folder) }
            } catch {
                throw CommandFailure.unusable(error.description)
            }
            return root
        }
    }

    /// A damaged bundle is unusable input (2); a failed write is a bad answer (1).
    static func exitCode(_ error: BundleError) -> Int32 {
        switch error {
        case .malformed, .refusedMember, .corruptMember, .badManifest, .notPackable, .badBlob: return 2
        case .io(let io): return io.isMissingFile ? 2 : 1
        case .placement: return 1
        case .cancelled: return 130
        }
    }

    private func printListings() throws {
        var listings: [BundleListing] = []
        for bundle in bundles {
            do {
                listings.append(try BundleListing.read(bundle))
            } catch {
                throw CommandFailure(message: error.description, exitCode: Self.exitCode(error))
            }
        }
        if json {
            let documents = listings.map { listing in
                JSONValue.object(
                    JSONObject([
                        ("bundle", .string(listing.bundle)), ("blobs", .integer(Int64(listing.blobCount))),
                        ("blob_bytes", .integer(listing.blobBytes)),
                        (
                            "models",
                            .array(
                                listing.models.map { model in
                                    .object(
                                        JSONObject([
                                            ("name", .string(model.name)), ("id", .string(model.id)),
                                            ("size", .integer(model.size)),
                                            (
                                                "missing_blobs",
                                                .array(model.missingBlobs.map { .string($0.description) })
                                            ),
                                        ]))
                                })
                        ),
                    ]))
            }
            print(JSONWriter.pythonIndented(documents.count == 1 ? documents[0] : .array(documents)))
            return
        }
        for listing in listings {
            var table = TextTable(["NAME", "ID", "SIZE", ""], flexible: [0])
            for model in listing.models {
                let missing = model.missingBlobs.count
                table.add([
                    model.name, model.id, HumanFormat.bytes(model.size),
                    missing == 0 ? "" : "\(missing) blob\(missing == 1 ? "" : "s") not in the bundle",
                ])
            }
            print(table.render(width: Console.width))
            print(
                "\n\(listing.models.count) model\(listing.models.count == 1 ? "" : "s"), \(listing.blobCount) blobs "
                    + "(\(HumanFormat.bytes(listing.blobBytes))) in \(listing.bundle)")
        }
    }

    static func render(_ report: UnpackReport) -> String {
        var table = TextTable(["ACTION", "MODEL", "SIZE"], flexible: [1])
        for model in report.models {
            var word: String
            switch model.action {
            case .added: word = "added"
            case .alreadyPresent: word = "already present"
            case .replaced: word = "replaced"
            case .refused: word = "REFUSED"
            }
            if report.dryRun && [.added, .replaced].contains(model.action) { word = "would be " + word }
            var details: [String] = []
            if case .refused(let reason) = model.action { details = [reason] }
            table.add([word, model.name, HumanFormat.bytes(model.size)], details: details)
        }
        var lines = [table.render(width: Console.width), ""]
        lines.append(
            (report.dryRun ? "dry run, nothing written: " : "")
                + "\(report.bundle) into \(report.storePath): \(report.blobsAdded) blobs \(report.dryRun ? "to write" : "written") "
                + "(\(HumanFormat.bytes(report.bytesAdded))), \(report.blobsReused) already there and verified, in "
                + "\(HumanFormat.fixed(report.seconds, decimals: 1)) s")
        for path in report.quarantined { lines.append("a damaged blob in the way was moved to \(path)") }
        return lines.joined(separator: "\n")
    }

    static func jsonValue(_ report: UnpackReport) -> JSONValue {
        .object(
            JSONObject([
                ("bundle", .string(report.bundle)), ("store", .string(report.storePath)),
                ("dry_run", .bool(report.dryRun)),
                (
                    "models",
                    .array(
                        report.models.map { model in
                            var reason: String?
                            if case .refused(let why) = model.action { reason = why }
                            return .object(
                                JSONObject([
                                    ("name", .string(model.name)), ("action", .string(model.action.name)),
                                    ("reason", JSONValue.optional(reason)), ("size", .integer(model.size)),
                                ]))
                        })
                ),
                ("blobs_added", .integer(Int64(report.blobsAdded))), ("bytes_added", .integer(report.bytesAdded)),
                ("blobs_reused", .integer(Int64(report.blobsReused))),
                ("quarantined", .array(report.quarantined.map(JSONValue.string))), ("seconds", .double(report.seconds)),
            ]))
    }
}
