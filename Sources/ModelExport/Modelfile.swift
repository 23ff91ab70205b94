/// An Ollama Modelfile: instructions `ollama create` reads, written and read as Ollama's `parser/parser.go`
/// does.
///
/// Ollama's own writer quotes a value only when it has a newline or outer spaces, so a value that starts
/// with `"` does not survive it; this one quotes whenever the parser would change the value, and says so when
/// no quoting can carry it (see `Modelfile.quoted`).
public struct Modelfile: Equatable, Sendable {
    /// One instruction; `name` is lower-case (`from`, `adapter`, `template`, `system`, `license`, `message`,
    /// `renderer`, `parser`, `requires`), or a parameter's name for `PARAMETER`.
    public struct Instruction: Equatable, Sendable {
        /// The command (`from`, `template`, …) or the parameter's name, lower case.
        public var name: String
        /// The value, exactly as it must read back.
        public var value: String
        /// The role of a `MESSAGE` (`system`, `user`, `assistant`).
        public var role: String?
        /// Whether it is a `PARAMETER` line.
        public var isParameter: Bool

        /// A command line: `FROM`, `TEMPLATE`, `SYSTEM`, `ADAPTER`, `LICENSE`, ….
        public static func command(_ name: String, _ value: String) -> Instruction {
            Instruction(name: name, value: value, role: nil, isParameter: false)
        }

        /// A `PARAMETER <name> <value>` line.
        public static func parameter(_ name: String, _ value: String) -> Instruction {
            Instruction(name: name, value: value, role: nil, isParameter: true)
        }

        /// A `MESSAGE <role> <content>` line.
        public static func message(role: String, _ content: String) -> Instruction {
            Instruction(name: "message", value: content, role: role, isParameter: false)
        }
    }

    /// Why a value cannot be written so that Ollama reads it back unchanged.
    public struct Unrepresentable: Error, Equatable, Sendable, CustomStringConvertible {
        /// What the value holds that no Modelfile can carry.
        public var reason: String
        /// The reason.
        public var description: String { reason }
    }

    /// The instructions, in order.
    public var instructions: [Instruction] = []
    /// Comment lines written first.
    public var comments: [String] = []

    /// A Modelfile of `instructions`, with `comments` (`# …` lines) at its top.
    public init(instructions: [Instruction] = [], comments: [String] = []) {
        self.instructions = instructions
        self.comments = comments
    }

    /// The Modelfile's text. Every value was checked with `quoted` when it was added (see `ModelfileBuilder`).
    public func render() -> String {
        var lines = comments.map { "# " + $0 } + (comments.isEmpty ? [] : [""])
        for instruction in instructions {
            let value = (try? Self.quoted(instruction.value)) ?? instruction.value
            if instruction.isParameter {
                lines.append("PARAMETER \(instruction.name) \(value)")
            } else if let role = instruction.role {
                lines.append("MESSAGE \(role) \(value)")
            } else {
                lines.append("\(instruction.name.uppercased()) \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` as Ollama's parser must see it to read `value` back: bare when that is safe, else in triple
    /// quotes.
    /// - Throws: `Unrepresentable` when the parser would drop or cut something whatever the quoting: a
    ///   character it does not keep (controls other than tab and newlines, format characters, spaces other
    ///   than ASCII space), or a `"""` that ends a line inside a multi-line value.
    public static func quoted(_ value: String) throws(Unrepresentable) -> String {
        if let dropped = value.unicodeScalars.first(where: { !isKept($0) }) {
            throw Unrepresentable(
                reason:
                    "it holds U+\(String(dropped.value, radix: 16, uppercase: true).leftPadded(to: 4)), which a Modelfile cannot carry"
            )
        }
        let bare =
            !value.isEmpty && !value.hasPrefix("\"")
            && !value.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
            && !(value.unicodeScalars.first?.properties.isWhitespace ?? false)
            && !(value.unicodeScalars.last?.properties.isWhitespace ?? false)
        if bare { return value }
        // The parser ends a quoted value at the first line break where what it has read so far unquotes.
        var scalars = "\"\"\"".unicodeScalars
        for scalar in value.unicodeScalars {
            if scalar == "\n" || scalar == "\r", ModelfileParser.unquote(String(scalars).trimmingWhitespace) != nil {
                throw Unrepresentable(reason: "a line of it ends in \"\"\", which would end the quoted value there")
            }
            scalars.append(scalar)
        }
        return "\"\"\"" + value + "\"\"\""
    }

    /// The parser keeps what Go's `strconv.IsPrint` accepts, plus tabs and line breaks (it writes those
    /// itself when a value goes on).
    static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
