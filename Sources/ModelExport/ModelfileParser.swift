/// Reads a Modelfile as Ollama's `parser.ParseFile` does, rune by rune through the same states, so that an
/// exported Modelfile can be checked against what `ollama create` will see. (Hand-written: Ollama's parser
/// is Go, and its quirks — which characters it drops, where a quoted value ends — are the point.)
public enum ModelfileParser {
    /// Why a Modelfile does not parse, with the line, as Ollama's parser words it.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The 1-based line, or 0 when the error is about the whole file.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// `(line N): <message>`.
        public var description: String { line > 0 ? "(line \(line)): \(message)" : message }
    }

    private enum State { case none, name, value, parameter, message, comment }

    static let commands: Set<String> = [
        "from", "license", "template", "system", "adapter", "draft", "renderer", "parser", "parameter", "message",
        "requires",
    ]

    /// The instructions of `text` (`FROM` reads as name `from`).
    public static func parse(_ text: String) throws(ParseError) -> [Modelfile.Instruction] {
        var instructions: [Modelfile.Instruction] = []
        var state = State.none
        var line = 1
        var buffer = String.UnicodeScalarView()
        var name = ""
        var isParameter = false
        var role = ""
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        for scalar in scalars {
            if scalar == "\n" || scalar == "\r" { line += 1 }
            var (next, kept): (State, Unicode.Scalar?) = try transition(
                scalar, from: state, line: line, buffer: String(buffer))
            if next != state {
                switch state {
                case .name:
                    let command = String(buffer).lowercased()
                    guard commands.contains(command) else {
                        throw ParseError(line: line, message: "unknown command \(String(buffer))")
                    }
                    name = command
                    isParameter = false
                    if command == "parameter" { next = .parameter }
                    if command == "message" { next = .message }
                case .parameter:
                    name = String(buffer)
                    isParameter = true
                case .message:
                    let candidate = String(buffer)
                    guard ["system", "user", "assistant"].contains(candidate) else {
                        throw ParseError(
                            line: line, message: "message role must be one of \"system\", \"user\", or \"assistant\"")
                    }
                    role = candidate
                case .comment, .none:
                    break
                case .value:
                    let value = unquote(String(buffer).trimmingWhitespace)
                    if value == nil || kept == " " || kept == "\t" {
                        if let kept { buffer.append(kept) }
                        continue
                    }
                    instructions.append(instruction(name, value!, role: role, isParameter: isParameter))
                    role = ""
                }
                buffer = String.UnicodeScalarView()
                state = next
            }
            // Go's `strconv.IsPrint`: what the Modelfile keeps, less tabs and line breaks.
            if let k = kept, Modelfile.isKept(k), k != "\t", k != "\n", k != "\r" { buffer.append(k) }
        }
        switch state {
        case .comment, .none:
            break
        case .value:
            guard let value = unquote(String(buffer).trimmingWhitespace) else {
                throw ParseError(line: 0, message: "unexpected EOF: \(String(buffer))")
            }
            instructions.append(instruction(name, value, role: role, isParameter: isParameter))
        default:
            throw ParseError(line: 0, message: "unexpected EOF")
        }
        guard instructions.contains(where: { $0.name == "from" && !$0.isParameter }) else {
            throw ParseError(line: 0, message: "no FROM line")
        }
        return instructions
    }

    private static func instruction(_ name: String, _ value: String, role: String, isParameter: Bool)
        -> Modelfile.Instruction
    {
        if isParameter { return .parameter(name, value) }
        if name == "message" { return .message(role: role, value) }
        return .command(name, value)
    }

    /// `parseRuneForState`: the next state, and the rune to keep (nil for none).
    private static func transition(_ r: Unicode.Scalar, from state: State, line: Int, buffer: String)
        throws(ParseError) -> (State, Unicode.Scalar?)
    {
        let isSpace = r == " " || r == "\t"
        let isNewline = r == "\n" || r == "\r"
        let isAlpha = (r >= "a" && r <= "z") || (r >= "A" && r <= "Z")
        switch state {
        case .none:
            if r == "#" { return (.comment, nil) }
            if isSpace || isNewline { return (.none, nil) }
            return (.name, r)
        case .name:
            if isAlpha { return (.name, r) }
            if isSpace { return (.value, nil) }
            throw ParseError(line: line, message: "command must be one of \(commands.sorted().joined(separator: ", "))")
        case .value:
            if isNewline || isSpace { return (.none, r) }
            return (.value, r)
        case .parameter:
            if isAlpha || (r >= "0" && r <= "9") || r == "_" { return (.parameter, r) }
            if isSpace { return (.value, nil) }
            throw ParseError(line: 0, message: "unexpected EOF: \(buffer)")
        case .message:
            if isAlpha { return (.message, r) }
            if isSpace { return (.value, nil) }
            throw ParseError(line: 0, message: "unexpected EOF: \(buffer)")
        case .comment:
            return (isNewline ? .none : .comment, nil)
        }
    }

    /// Go's `unquote`: `"""…"""` or `"…"` stripped, a bare value as it is; nil while a quote is still open.
    static func unquote(_ s: String) -> String? {
        let utf8 = Array(s.utf8)
        if utf8.count >= 3 && utf8[0..<3] == [0x22, 0x22, 0x22] {
            guard utf8.count >= 6 && utf8[(utf8.count - 3)...] == [0x22, 0x22, 0x22] else { return nil }
            return String(decoding: utf8[3..<(utf8.count - 3)], as: UTF8.self)
        }
        if utf8.first == 0x22 {
            guard utf8.count >= 2 && utf8.last == 0x22 else { return nil }
            return String(decoding: utf8[1..<(utf8.count - 1)], as: UTF8.self)
        }
        return s
    }
}

extension String {
    /// Go's `strings.TrimSpace`.
    var trimmingWhitespace: String {
        var scalars = Array(unicodeScalars)
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
