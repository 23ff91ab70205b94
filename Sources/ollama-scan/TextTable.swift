/// Left-aligned columns separated by four spaces, as `ollama list` prints them.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return all.map { row in
            var line = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 4)
            }.joined()
            while line.hasSuffix(" ") { line.removeLast() }  // an empty last cell leaves no trailing spaces
            return line
        }.joined(separator: "\n")
    }
}
