import Foundation
import OrderedJSON
import Testing

@Suite struct JSONWriterTests {
    @Test func pythonIndentLayout() throws {
        let value = try JSONReader.parse(
            #"{"name": "x", "empty_list": [], "empty": {}, "list": [1, {"a": null}], "f": 1.5}"#)
        let expected = """
            {
              "name": "x",
              "empty_list": [],
              "empty": {},
              "list": [
                1,
                {
                  "a": null
                }
              ],
              "f": 1.5
            }
            """
        #expect(JSONWriter.pythonIndented(value) == expected)
    }

    @Test func asciiEscapes() {
        #expect(JSONWriter.compact(.string("é😀\u{7f}\u{01}\"\\\n")) == #""\u00e9\ud83d\ude00\u007f\u0001\"\\\n""#)
    }

    @Test func roundTripsRandomValues() throws {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 33
        }
        func random(_ depth: Int) -> JSONValue {
            switch next() % (depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .integer(Int64(next()) - 1 << 30)
            case 2: return .double(Double(next()) / 7.0 * (next() % 2 == 0 ? 1e-9 : 1e12))
            case 3:
                return .string(
                    String((0..<next() % 8).map { _ in Character(Unicode.Scalar(UInt32(32 + next() % 0x2000))!) }))
            case 4: return .array((0..<next() % 4).map { _ in random(depth + 1) })
            default:
                return .object(JSONObject((0..<next() % 4).map { i in ("k\(i)\(next() % 3)", random(depth + 1)) }))
            }
        }
        for _ in 0..<500 {
            let value = random(0)
            #expect(try JSONReader.parse(JSONWriter.pythonIndented(value)) == value)
            #expect(try JSONReader.parse(JSONWriter.compact(value)) == value)
        }
    }

    /// Python's own `repr(float)` for the same doubles: the writer must match it digit for digit.
    @Test func floatTextMatchesPython() throws {
        let values: [Double] = [
            0.1, 1.5, 1e16, 1e15, 123456789012345680, 0.0001, 0.00001, 1e-7, -2.5e-300, 3.0, 1e22,
            4.9406564584124654e-324, 0.30000000000000004,
        ]
        let script = "import json,sys; print(json.dumps([float(x) for x in sys.argv[1:]]))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + values.map { "\($0)" }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let python = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            JSONWriter.compact(.array(values.map(JSONValue.double))).replacingOccurrences(of: ",", with: ", ") == python
        )
    }
}
