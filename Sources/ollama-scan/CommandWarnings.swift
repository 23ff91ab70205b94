import OllamaStore
import OrderedJSON

/// A command's warnings: each distinct one once, on stderr as it comes (unless `--json` or `--quiet`), and in
/// the `--json` document's `"warnings"`, so that a quiet cron job still sees them.
struct CommandWarnings {
    /// Every distinct warning, in the order first seen.
    private(set) var messages: [String] = []
    private var seen: Set<String> = []
    /// Whether warnings go to stderr as they come.
    let echoes: Bool

    init(echoing echoes: Bool) { self.echoes = echoes }

    mutating func add(_ message: String) {
        guard seen.insert(message).inserted else { return }
        messages.append(message)
        if echoes { Console.error("warning: \(message)") }
    }

    /// The scan's warnings. With a selection, those about other files are summarised in one line: a broken
    /// manifest elsewhere in the store is worth knowing about, not worth a screen of lines.
    mutating func add(_ scan: StoreScan, selected: [ModelRecord]? = nil) {
        guard let selected else {
            scan.warnings.forEach { add($0.description) }
            return
        }
        var concerned = Set(selected.map(\.manifestPath))
        for model in selected { concerned.formUnion(model.allBlobs.compactMap(\.path)) }
        let others = scan.warnings.filter { !concerned.contains($0.path) }
        scan.warnings.filter { concerned.contains($0.path) }.forEach { add($0.description) }
        if !others.isEmpty {
            add(
                "\(others.count) warning\(others.count == 1 ? "" : "s") about other files of the store "
                    + "(`ollama-scan models` lists them)")
        }
    }

    /// `document` with the warnings under `"warnings"` (replacing any it had).
    func attached(to document: JSONValue) -> JSONValue {
        guard var object = document.objectValue else { return document }
        object["warnings"] = .array(messages.map(JSONValue.string))
        return .object(object)
    }

    /// The count line after warnings printed as they came.
    func finish() {
        if echoes && !messages.isEmpty {
            Console.error("\(messages.count) warning\(messages.count == 1 ? "" : "s")")
        }
    }
}
