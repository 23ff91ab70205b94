import OrderedJSON
import Testing

@Suite struct JSONReaderTests {
    @Test func keepsMemberOrderAndPythonDuplicateRule() throws {
        let value = try JSONReader.parse(#"{"b": 1, "a": [true, false, null], "b": 2}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value["b"]?.int64Value == 2)
        #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
    }

    @Test func numbersKeepPythonCanonicalText() throws {
        let value = try JSONReader.parse("[1, -0, 1.50, 1e3, 12345678901234567890123, 1E-7, NaN, -Infinity]")
        #expect(
            value.arrayValue?.map { if case .number(let n) = $0 { return n.text } else { return "" } }
                == ["1", "0", "1.5", "1000.0", "12345678901234567890123", "1e-07", "NaN", "-Infinity"])
    }

    @Test func stringsWithEscapesAndSurrogates() throws {
        let value = try JSONReader.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "plain é"]"#)
        #expect(value.arrayValue?.first?.stringValue == "a\"b\\c/d\n\té😀")
        #expect(value.arrayValue?.last?.stringValue == "plain é")
    }

    @Test(arguments: [
        ("", "expected a value"), ("{", "expected a string key"), ("{\"a\" 1}", "expected ':'"),
        ("[1,]", "expected a value"), ("[1 2]", "expected ',' or ']'"), ("\"abc", "unterminated string"),
        ("\"a\u{01}\"", "invalid control character"), ("01", "extra data"), ("{} x", "extra data"),
        ("tru", "expected a value"), ("1.", "expected a digit"), ("\"\\x\"", "invalid escape"),
        ("[1 2]", "expected ',' or ']' after an array element, found '2'"),
        ("[1", "expected ',' or ']', found end of input"),
        ("{\"a\":1 \"b\":2}", "expected ',' or '}' after the value of \"a\", found '\"'"),
        ("{\"a\":1", "expected ',' or '}', found end of input"),
    ])
    func rejectsMalformedInput(text: String, reason: String) {
        #expect {
            try JSONReader.parse(text)
        } throws: { error in
            (error as? JSONError)?.reason.contains(reason) == true
        }
    }

    @Test func errorNamesLineAndColumn() {
        do {
            _ = try JSONReader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 7)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError.self) { try JSONReader.parse(deep) }
    }

    @Test func parsePrefixStopsAfterTheValue() throws {
        let (value, end) = try JSONReader.parsePrefix(Array("  {\"a\":1}\ntrailing".utf8))
        #expect(value["a"]?.int64Value == 1)
        #expect(end == 9)
    }

    @Test func goFieldMatchesWithoutCaseAndLastWins() throws {
        let object = try #require(try JSONReader.parse(#"{"Layers": 1, "layers": 2, "LAYERS": 3}"#).objectValue)
        #expect(object.goField("layers")?.int64Value == 3)
        #expect(object.goField("config") == nil)
    }
}
