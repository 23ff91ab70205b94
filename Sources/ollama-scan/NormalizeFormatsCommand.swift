import ArgumentParser
import ImageWorksRegistry
import RegistryImport
import OrderedJSON

/// `ollama-scan registry normalize-formats`: re-detects format and quantization from the files themselves.
struct NormalizeFormatsCommand: ParsableCommand {
    static let configuration = CommandHelp.configuration(
        "normalize-formats",
        abstract: "Detect each local entry's format and quantization from its files (GGUF by its header).",
        discussion: """
            Without --apply this is a preview and writes nothing. --rebuild also recomputes size, files and \
            checksum (a blob of an Ollama store gets what an import would record); a size of 0 or an empty file \
            list never replaces a real value. A missing path is reported and left alone, or removed with \
            --prune-missing --apply.
            """,
        examples: [
            "ollama-scan registry normalize-formats --registry-dir configs",
            "ollama-scan registry normalize-formats --registry-dir configs --rebuild --apply",
        ])

    @OptionGroup var registryOptions: RegistryOptions

    @Flag(help: "Write the changes (default: preview only).")
    var apply = false

    @Flag(help: "Preview only (the default; kept for the original's command line).")
    var dryRun = false

    @Flag(help: "Also recompute download_size_bytes, download_files and download_directory_checksum.")
    var rebuild = false

    @Flag(help: "Remove entries whose download path is missing (with --apply).")
    var pruneMissing = false

    @Flag(inversion: .prefixedNo, help: "Keep a backup of each file replaced.")
    var backup = true

    @Flag(help: "Print the changes as JSON.")
    var json = false

    func run() throws {
        let normalizer = FormatNormalizer(rebuild: rebuild, pruneMissing: pruneMissing)
        let writes = apply && !dryRun
        var warnings = CommandWarnings(echoing: !json)
        let (plan, written, _) = try registryOptions.transaction(dryRun: !writes, backup: backup, warnings: &warnings) {
            registry in
            let plan = normalizer.plan(registry)
            normalizer.apply(plan.changes, to: &registry)
            return plan
        }
        if json {
            print(JSONWriter.pythonIndented(warnings.attached(to: plan.jsonValue(applied: writes, written: written))))
            return
        }
        for name in plan.missing {
            Console.error("\(name): download path is missing; left alone (use --prune-missing --apply to remove)")
        }
        guard !plan.changes.isEmpty else {
            print(Console.symbol("✅") + "No changes detected")
            return
        }
        print("Normalization / Rebuild Preview")
        var table = TextTable(["Name", "Action", "Changes"])
        for change in plan.changes {
            let text = change.fields.map { "\($0.key):\(Self.show($0.old))→\(Self.show($0.new))" }.joined(
                separator: ", ")
            table.add([change.name, change.action.rawValue, text.isEmpty ? "-" : text])
        }
        print(table.render())
        if writes {
            print(Console.symbol("✅") + "Applied \(plan.changes.count) changes to registry")
        } else {
            print(Console.symbol("🛈") + "Dry run (no changes written). Use --apply to persist.")
        }
    }

    private static func show(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .string(let s): return s
        case .array(let items): return "[\(items.count) files]"
        default: return JSONWriter.compact(value)
        }
    }
}
