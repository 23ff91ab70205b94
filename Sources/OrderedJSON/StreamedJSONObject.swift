/// A JSON object whose large arrays are produced element by element while it is written, so that a report on
/// 100,000 models never exists whole in memory, as a value tree or as text. The bytes are those of
/// `JSONWriter.pythonIndented` of the same object.
public struct StreamedJSONObject {
    /// One member's value: written as is, or an array made one element at a time.
    public enum Member {
        case value(JSONValue)
        case elements(AnySequence<JSONValue>)
    }

    public var members: [(key: String, value: Member)]

    public init(_ members: [(key: String, value: Member)]) {
        self.members = members
    }

    /// Hands the document to `emit` in pieces (one per member and one per array element), indented by 2 as
    /// `json.dumps(indent=2)` does, with no trailing newline.
    public func write(to emit: (String) -> Void) {
        guard !members.isEmpty else { return emit("{}") }
        for (i, member) in members.enumerated() {
            let key = (i == 0 ? "{" : ",") + "\n  " + JSONWriter.pythonIndented(.string(member.key)) + ": "
            switch member.value {
            case .value(let value):
                emit(key + JSONWriter.pythonIndented(value, level: 1))
            case .elements(let elements):
                var isEmpty = true
                for element in elements {
                    emit((isEmpty ? key + "[" : ",") + "\n    " + JSONWriter.pythonIndented(element, level: 2))
                    isEmpty = false
                }
                emit(isEmpty ? key + "[]" : "\n  ]")
            }
        }
        emit("\n}")
    }

    /// The whole object as one value (for tests and small documents).
    public var value: JSONValue {
        .object(
            JSONObject(
                members.map { member in
                    switch member.value {
                    case .value(let value): return (member.key, value)
                    case .elements(let elements): return (member.key, .array(Array(elements)))
                    }
                }))
    }
}
