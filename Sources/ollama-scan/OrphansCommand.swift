import ArgumentParser
import Listing
import Foundation
import OllamaStore
import OrderedJSON
import StoreCare
import Verification

/// `ollama-scan orphans`: every file in `blobs/` that no parseable manifest references.
struct OrphansCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "orphans", abstract: "List the files in blobs/ that no manifest references, with their size and age.",
        discussion: """
            Unreferenced blobs, partial downloads (with the progress their part files record), temp files left \
            by an interrupted pull or create, and names that are not blob names. Nothing is deleted (see prune). \
            While a manifest does not parse, a blob only it references is listed but may not be an orphan.

            \(ListingHelp.paragraph(keys: fields.map(\.key)))
            """,
        examples: ["ollama-scan orphans", "ollama-scan orphans --filter 'kind=partial download' --json"])

    static let fields: [ListingField<LeftoverFile>] = [
        ListingField("path", .text) { .text($0.path) },
        ListingField("name", .text) { .text(String($0.path.split(separator: "/").last ?? "")) },
        ListingField("kind", .text) { .text($0.kind.rawValue) },
        ListingField("size", .bytes) { .number($0.occupiedBytes) },
        ListingField("modified", .time) { .number($0.modifiedNanoseconds) },
    ]

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var listing: ListingOptions

    @Flag(
        help: ArgumentHelp(
            "Print JSON: {\"store\", \"unparseable_manifests\", \"counts\", \"files\", …, \"warnings\"}."))
    var json = false

    func run() throws {
        let scan = try storeOptions.scan(readingModelFiles: false)
        var warnings = CommandWarnings(echoing: !json && !listing.names)
        warnings.add(scan)
        let query = try listing.query(Self.fields, defaultSort: "size")
        let report = LeftoverReport(scan: scan)
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let order = query.select(report.leftovers, now: now)
        let leftovers = order.map { report.leftovers[$0] }
        if listing.names {
            leftovers.forEach { print($0.path) }
            return
        }
        if json {
            var output = StreamedOutput()
            output.writeLine(report.jsonDocument(now: now, selected: leftovers, warnings: warnings.messages))
            return
        }
        defer { warnings.finish() }
        if !scan.unparseableManifests.isEmpty {
            print("Manifests that do not parse (a blob only they reference is listed below, but may not be an orphan):")
            for path in scan.unparseableManifests { print("  \(path)") }
            print("")
        }
        guard !leftovers.isEmpty else {
            print(
                report.leftovers.isEmpty
                    ? "No orphans: every file in \(scan.root.blobsPath) belongs to a model."
                    : "No orphans match: \(report.leftovers.count) files in \(scan.root.blobsPath) do not.")
            return
        }
        let progress = Dictionary(report.partialDownloads.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["KIND", "SIZE", "MODIFIED", "FILE"], flexible: [3])
        for file in leftovers {
            // A download's progress goes on its own line: beside a file name it would not fit 80 columns.
            let download = file.kind == .partialDownload ? file.digest.flatMap { progress[$0] } : nil
            table.add(
                [
                    file.kind.label, HumanFormat.bytes(file.occupiedBytes),
                    file.modifiedNanoseconds.map {
                        HumanFormat.relativeTime(secondsSinceEpoch: Double($0) / 1e9, now: Double(now) / 1e9)
                    } ?? "vanished",
                    String(file.path.split(separator: "/").last ?? ""),
                ], details: download.map { ["downloaded: " + Self.describe($0)] } ?? [])
        }
        print(table.render(width: Console.width))
        let total = leftovers.reduce(Int64(0)) { $0 + $1.occupiedBytes }
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
