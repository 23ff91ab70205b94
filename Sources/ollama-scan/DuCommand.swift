import ArgumentParser
import OllamaStore
import StoreCare

/// `ollama-scan du`: where the store's bytes go.
struct DuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "du",
        abstract: "Show where the disk went: per model unique, shared and exclusive bytes, and the store's totals.",
        discussion: """
            SIZE is Ollama's (declared sizes, as ollama list shows them); UNIQUE counts each of the model's blobs
            once, as they are on disk; SHARED is the part other models use too; EXCLUSIVE is what deleting the
            model would free. SHARED WITH names the models that share its largest shared blob. The totals count
            every file once: adding up ollama list over-counts every shared blob.

            Exit codes: 0, 1 a MODEL not found, 2 usage or an unusable store.
            """)

    enum SortOrder: String, ExpressibleByArgument, CaseIterable {
        case exclusive, size, name
    }

    @Argument(help: "Only these models in the table (the sharing and the totals still count every model).")
    var models: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @Flag(
        help:
            "Print exact bytes as JSON: {\"store\", \"totals\", \"models\", \"shared_blobs\", \"unparseable_manifests\"}."
    )
    var json = false

    @Option(help: "Sort by exclusive bytes (largest first, the default), declared size (largest first) or name.")
    var sort: SortOrder = .exclusive

    func run() throws {
        let scan = try storeOptions.scan(printWarnings: !json, readingModelFiles: false)
        let selected = models.isEmpty ? nil : try models.map { try StoreOptions.model($0, in: scan) }
        var usage = DiskUsage(scan: scan, selected: selected)
        switch sort {
        case .exclusive: usage.models.sort { ($0.exclusiveBytes, $1.name) > ($1.exclusiveBytes, $0.name) }
        case .size: usage.models.sort { ($0.declaredSize, $1.name) > ($1.declaredSize, $0.name) }
        case .name: usage.models.sort { $0.name < $1.name }
        }
        if json {
            var output = StreamedOutput()
            output.writeLine(usage.jsonDocument(storePath: scan.root.path))
            return
        }
        var table = TextTable(["NAME", "SIZE", "UNIQUE", "SHARED", "EXCLUSIVE", "SHARED WITH"])
        for model in usage.models {
            table.add([
                model.name, HumanFormat.bytes(model.declaredSize), HumanFormat.bytes(model.uniqueBytes),
                HumanFormat.bytes(model.sharedBytes), HumanFormat.bytes(model.exclusiveBytes), Self.sharedWith(model),
            ])
        }
        print(table.render())
        print("")
        print(Self.totals(usage))
    }

    /// "llama3:8b, llama3:latest" or "llama3:8b, llama3:latest, phi3:mini and 12 more".
    static func sharedWith(_ model: DiskUsage.Model) -> String {
        guard model.largestSharedBlobUserCount > 0 else { return "-" }
        let names = model.largestSharedBlobUsers.joined(separator: ", ")
        let more = model.largestSharedBlobUserCount - model.largestSharedBlobUsers.count
        return more > 0 ? "\(names) and \(more) more" : names
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
                ? "over-counts the blobs by \(HumanFormat.bytes(t.overCount)), because models share them" : "",
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
