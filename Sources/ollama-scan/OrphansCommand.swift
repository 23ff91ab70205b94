import ArgumentParser
import Foundation
import OllamaStore
import OrderedJSON
import StoreCare
import Verification

/// `ollama-scan orphans`: every file in `blobs/` that no parseable manifest references.
struct OrphansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orphans",
        abstract: "List the files in blobs/ that no manifest references, with their size and age.",
        discussion: """
            Unreferenced blobs, partial downloads (with the progress their part files record), temp files left
            by an interrupted pull or create, and names that are not blob names. Nothing is deleted (see prune).
            While a manifest does not parse, a blob only it references is listed but may not be an orphan.

            Exit codes: 0, 2 usage or an unusable store.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print JSON: {\"store\", \"unparseable_manifests\", \"counts\", \"files\", \"partial_downloads\"}.")
    var json = false

    func run() throws {
        let scan = try storeOptions.scan(printWarnings: !json, readingModelFiles: false)
        let report = LeftoverReport(scan: scan)
        let leftovers = report.leftovers
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        if json {
            var output = StreamedOutput()
            output.writeLine(report.jsonDocument(now: now))
            return
        }
        if !scan.unparseableManifests.isEmpty {
            print("Manifests that do not parse (a blob only they reference is listed below, but may not be an orphan):")
            for path in scan.unparseableManifests { print("  \(path)") }
            print("")
        }
        guard !leftovers.isEmpty else {
            print("No orphans: every file in \(scan.root.blobsPath) belongs to a model.")
            return
        }
        let progress = Dictionary(report.partialDownloads.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["KIND", "SIZE", "MODIFIED", "FILE", ""])
        for file in leftovers {
            table.add([
                file.kind.label, HumanFormat.bytes(file.occupiedBytes),
                file.modifiedNanoseconds.map {
                    HumanFormat.relativeTime(secondsSinceEpoch: Double($0) / 1e9, now: Double(now) / 1e9)
                } ?? "vanished",
                String(file.path.split(separator: "/").last ?? ""),
                file.kind == .partialDownload ? (file.digest.flatMap { progress[$0] }.map(Self.describe) ?? "") : "",
            ])
        }
        print(table.render())
        let total = report.occupiedBytes
        print(
            "\n\(leftovers.count) file\(leftovers.count == 1 ? "" : "s"), \(HumanFormat.bytes(total)) in \(scan.root.blobsPath)"
        )
    }

    /// "41% of 4.7 GB (3 parts)", or why the progress is unknown.
    static func describe(_ download: PartialDownload) -> String {
        let size = download.expectedBytes.map { " of \(HumanFormat.bytes($0))" } ?? ""
        let parts = "\(download.partCount) part\(download.partCount == 1 ? "" : "s")"
        guard let fraction = download.fraction else {
            return download.partCount == 0 ? "no part files\(size)" : "progress unreadable\(size) (\(parts))"
        }
        return "\(Int((fraction * 100).rounded(.down)))%\(size) (\(parts))"
    }
}
