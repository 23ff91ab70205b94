import OllamaStore

/// Left-aligned columns separated by two or more spaces, as `ollama list` prints them, fitted to a width.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// The columns that may be shortened (in the middle, with `…`) to fit.
    var flexible: [Int]
    /// The columns left out, in this order, before any name is shortened, when the table is too wide.
    var droppable: [Int]
    /// Cells that are lists of names, by row (0 is the first row after the header) and column: shortened to
    /// "a, b and 4 more" rather than cut. `total` counts the names the list stands for, shown or not.
    private var lists: [Int: [Int: (names: [String], total: Int)]] = [:]

    /// The narrowest a flexible column is made: enough to tell most names apart.
    static let minimumFlexibleWidth = 12

    init(_ header: [String], flexible: [Int] = [], droppable: [Int] = []) {
        self.header = header
        self.flexible = flexible
        self.droppable = droppable
    }

    /// Lines printed under a row, indented: detail too long for a column (a reason, a path).
    private var details: [Int: [String]] = [:]

    mutating func add(_ row: [String], details lines: [String] = []) {
        if !lines.isEmpty { details[rows.count] = lines }
        rows.append(row)
    }

    /// Adds a row whose cell in `column` is a list of `names` standing for `total` names.
    mutating func add(_ row: [String], list column: Int, names: [String], total: Int) {
        var row = row
        row[column] = Self.list(names, total: total, width: .max)
        lists[rows.count, default: [:]][column] = (names, total)
        rows.append(row)
    }

    /// The table; with a `width`, the flexible columns are shortened until each line fits it (or they are as
    /// narrow as they go), and the gap between columns narrows from four spaces to two first.
    func render(width: Int? = nil) -> String {
        var widths = [Int](repeating: 0, count: header.count)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var gap = 4
        var dropped: Set<Int> = []
        if let width {
            func total() -> Int {
                widths.indices.filter { !dropped.contains($0) }.reduce(0) { $0 + widths[$1] + gap } - gap
            }
            if total() > width { gap = 2 }
            for column in droppable where total() > width { dropped.insert(column) }
            // The widest flexible column gives up a character at a time, so that names and lists share the
            // room instead of one of them taking all of the cut.
            while total() > width,
                let widest = flexible.filter({ widths[$0] > Self.minimumFlexibleWidth }).max(by: {
                    widths[$0] < widths[$1]
                })
            {
                widths[widest] -= 1
            }
        }
        let all = [header] + rows
        return all.enumerated().map { number, row in
            var line = row.enumerated().filter { !dropped.contains($0.offset) }.map { i, cell in
                var text = cell
                if cell.count > widths[i] {
                    if let list = number > 0 ? lists[number - 1]?[i] : nil {
                        text = Self.list(list.names, total: list.total, width: widths[i])
                    }
                    if text.count > widths[i] { text = Self.shortened(text, to: widths[i]) }
                }
                let last = (row.indices.last { !dropped.contains($0) } ?? row.count - 1) == i
                return last ? text : text + String(repeating: " ", count: widths[i] - text.count + gap)
            }.joined()
            while line.hasSuffix(" ") { line.removeLast() }  // an empty last cell leaves no trailing spaces
            let below = number > 0 ? details[number - 1] ?? [] : []
            let indented = below.flatMap { detail in
                width.map { Self.wrapped(detail, to: $0 - 4) } ?? [detail]
            }
            return ([line] + indented.map { "    " + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// "a, b and c", "-" for none, or as many names as fit in `width` followed by "and 4 more".
    static func list(_ names: [String], total: Int, width: Int) -> String {
        guard total > 0 else { return "-" }
        for shown in stride(from: names.count, through: 1, by: -1) {
            let more = total - shown
            let text =
                more > 0
                ? names.prefix(shown).joined(separator: ", ") + " and \(more) more"
                : HumanFormat.list(Array(names.prefix(shown)))
            if text.count <= width { return text }
        }
        // Not even one name fits whole: the first one, shortened.
        let more = total - 1
        let suffix = more > 0 ? " and \(more) more" : ""
        guard let first = names.first, width - suffix.count >= 8 else { return "\(total) models" }
        return shortened(first, to: width - suffix.count) + suffix
    }

    /// `text` broken between words into lines of at most `width` characters; a word longer than a line (a
    /// path) is shortened in the middle.
    static func wrapped(_ text: String, to width: Int) -> [String] {
        let width = max(width, 20)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            let word = word.count > width ? shortened(word, to: width) : word
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        return lines + (line.isEmpty ? [] : [line])
    }

    /// `text` cut in the middle to `width` characters, the cut marked `…`: both the start of a name and its
    /// tag stay readable.
    static func shortened(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        let head = (width - 1 + 1) / 2
        let tail = width - 1 - head
        return String(text.prefix(head)) + "…" + String(text.suffix(tail))
    }
}
