import ArgumentParser
import Foundation
import Listing
import OllamaStore
import StoreCare

/// `ollama-scan du`: where the store's bytes go.
struct DuCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "du",
        abstract: "Show where the disk went: per model unique, shared and exclusive bytes, and the store's totals.",
        discussion: """
            SIZE is Ollama's (declared sizes, as ollama list shows them); UNIQUE counts each of the model's \
            blobs once, as they are on disk; SHARED is the part other models use too; EXCLUSIVE is what deleting \
            the model would free. SHARED WITH names the models that share its largest shared blob. The totals \
            count every file once: adding up ollama list over-counts every shared blob.

            \(ListingHelp.paragraph(keys: fields.map(\.key)))
            """,
        examples: [
            "ollama-scan du", "ollama-scan du --sort exclusive --limit 5", "ollama-scan du llama3.2:3b --json",
        ])

    /// A row of the table: the model's accounting and its record, for the keys they share with `models`.
    struct Row: Sendable {
        var usage: DiskUsage.Model
        var record: ModelRecord
    }

    static let fields: [ListingField<Row>] =
        ModelFields.all.map { $0.on(\Row.record) } + [
            ListingField("unique", .bytes) { .number($0.usage.uniqueBytes) },
            ListingField("shared", .bytes) { .number($0.usage.sharedBytes) },
            ListingField("exclusive", .bytes) { .number($0.usage.exclusiveBytes) },
        ]

    @Argument(
        help: "Only these models in the table (the sharing and the totals still count every model).",
        completion: ModelCompletion.kind)
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var listing: ListingOptions

    @Flag(
        help: ArgumentHelp(
            "Print exact bytes as JSON: {\"store\", \"totals\", \"models\", \"shared_blobs\", …, \"warnings\"}."))
    var json = false

    @OptionGroup var metricsOptions: MetricsOptions

    func run() throws {
        let scan = try storeOptions.scan(readingModelFiles: false)
        let selected = models.isEmpty ? nil : try StoreOptions.models(models, in: scan)
        var warnings = CommandWarnings(echoing: !json && !listing.names)
        warnings.add(scan, selected: selected)
        let query = try listing.query(Self.fields, defaultSort: "exclusive")
        let usage = DiskUsage(scan: scan, selected: selected)
        try metricsOptions.write(store: scan.root.path) { $0.addUsage(usage) }
        let records = Dictionary(scan.models.map { ($0.manifestPath, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = usage.models.map { Row(usage: $0, record: records[$0.manifestPath]!) }
        let order = query.select(rows, now: Int64(Date().timeIntervalSince1970 * 1e9))
        if listing.names {
            query.names(rows, selected: order).forEach { print($0) }
            return
        }
        if json {
            var output = StreamedOutput()
            output.writeLine(
                usage.jsonDocument(
                    storePath: scan.root.path, selected: order.map { rows[$0].usage }, warnings: warnings.messages))
            return
        }
        var table = TextTable(["NAME", "SIZE", "UNIQUE", "SHARED", "EXCLUSIVE", "SHARED WITH"], flexible: [5, 0])
        for model in order.map({ rows[$0].usage }) {
            table.add(
                [
                    model.name, HumanFormat.bytes(model.declaredSize), HumanFormat.bytes(model.uniqueBytes),
                    HumanFormat.bytes(model.sharedBytes), HumanFormat.bytes(model.exclusiveBytes), "-",
                ], list: 5, names: model.largestSharedBlobUsers, total: model.largestSharedBlobUserCount)
        }
        print(table.render(width: Console.width))
        print("")
        print(Self.totals(usage))
        warnings.finish()
    }

    static func totals(_ usage: DiskUsage) -> String {
        let t = usage.totals
        func files(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var table = TextTable(["STORE", "BYTES", ""])
        table.add(["referenced blobs", HumanFormat.bytes(t.referencedBytes), "each blob once"])
        table.add(["orphans", HumanFormat.bytes(t.orphanBytes), files(t.orphanCount, "unreferenced blob")])
        table.add(["partial downloads", HumanFormat.bytes(t.partialBytes), files(t.partialCount, "download")])
        table.add(["temp files", HumanFormat.bytes(t.temporaryBytes), files(t.temporaryCount, "file")])
        table.add([
            "other files", HumanFormat.bytes(t.foreignBytes), files(t.foreignCount, "file") + " that are not blobs",
        ])
        table.add(["manifests", HumanFormat.bytes(t.manifestBytes), ""])
        table.add(["total on disk", HumanFormat.bytes(t.totalBytes), ""])
        table.add([
            "sum of ollama list SIZE", HumanFormat.bytes(t.declaredSizeSum),
            t.overCount > 0
                ? "shared blobs counted again: \(HumanFormat.bytes(t.overCount))" : "",
        ])
        var text = table.render()
        if !usage.unparseableManifests.isEmpty {
            text +=
                "\nnote: blobs that only an unparseable manifest references count as orphans here: "
                + usage.unparseableManifests.joined(separator: ", ")
        }
        return text
    }
}
