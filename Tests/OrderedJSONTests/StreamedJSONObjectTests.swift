import OrderedJSON
import Testing

@Suite struct StreamedJSONObjectTests {
    static func written(_ document: StreamedJSONObject) -> (text: String, pieces: Int) {
        var text = ""
        var pieces = 0
        document.write {
            text += $0
            pieces += 1
        }
        return (text, pieces)
    }

    /// Whatever the members, the pieces add up to the bytes of `json.dumps(indent=2)` of the whole value.
    @Test func theBytesAreThoseOfTheWholeValue() throws {
        let nested = try JSONReader.parse(#"{"a": [1, {"b": []}], "c": "\u00e9\n", "d": {}}"#)
        let documents: [StreamedJSONObject] = [
            StreamedJSONObject([]),
            StreamedJSONObject([("only", .elements(AnySequence([])))]),
            StreamedJSONObject([
                ("x", .value(.integer(1))), ("list", .elements(AnySequence([nested, .null, .array([])]))),
            ]),
            StreamedJSONObject([
                ("first", .elements(AnySequence((0..<3).lazy.map { JSONValue.integer(Int64($0)) }))),
                ("empty", .elements(AnySequence([]))), ("value", .value(nested)), ("last", .value(.array([nested]))),
            ]),
        ]
        for document in documents {
            #expect(Self.written(document).text == JSONWriter.pythonIndented(document.value))
        }
    }

    @Test func arraysArriveOneElementAtATime() {
        let document = StreamedJSONObject([
            ("items", .elements(AnySequence((0..<1000).lazy.map { JSONValue.integer(Int64($0)) })))
        ])
        let (text, pieces) = Self.written(document)
        #expect(pieces == 1002 && text.hasPrefix("{\n  \"items\": [\n    0,") && text.hasSuffix("    999\n  ]\n}"))
    }
}
