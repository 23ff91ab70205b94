import ImageWorksRegistry
import RegistryImport
import OrderedJSON

/// The import's text output: one line per model, the summary, and what was written.
enum ImportReport {
    static func text(_ result: RegistryImporter.Result, dryRun: Bool, written: [String]) -> String {
        var lines: [String] = []
        if !result.purged.isEmpty {
            lines.append(
                "\(dryRun ? "Would purge" : "Purged") \(result.purged.count) existing ollama entries before re-import.")
        }
        var table = TextTable(["ACTION", "ENTRY", "MODEL"], flexible: [1, 2])
        for outcome in result.outcomes {
            var details: String
            switch outcome.action {
            case .created, .unchanged: details = ""
            case .updated(let fields): details = fields.joined(separator: ", ")
            case .renamed(let from, let fields):
                details = "from \(from)" + (fields.isEmpty ? "" : "; " + fields.joined(separator: ", "))
            case .skipped(let reason): details = reason
            }
            if !outcome.hashFailures.isEmpty {
                details += (details.isEmpty ? "" : "; ") + "NOT HASHED: " + outcome.hashFailures.joined(separator: "; ")
            }
            table.add(
                [outcome.action.word, outcome.entry ?? "-", outcome.model], details: details.isEmpty ? [] : [details])
        }
        lines.append(table.render(width: Console.width))
        if !result.deprecated.isEmpty {
            lines.append("\(dryRun ? "Would deprecate" : "Deprecated") \(result.deprecated.count) placeholder entries.")
        }
        lines.append("Imported \(result.importedCount) Ollama model(s)\(dryRun ? " (dry run)" : "").")
        if dryRun {
            lines.append("dry run: nothing written")
        } else {
            lines.append(written.isEmpty ? "registry unchanged" : "wrote " + written.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
