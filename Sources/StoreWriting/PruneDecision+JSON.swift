import OrderedJSON

extension PruneDecision {
    /// The leftover's JSON with `action`, `reason` and the bytes it frees (or freed).
    public var jsonValue: JSONValue {
        var object = file.jsonValue.objectValue ?? JSONObject()
        object["action"] = .string(action.name)
        object["reason"] = JSONValue.optional(action.reason)
        if case .deleted(let freed) = action {
            object["freed_bytes"] = .integer(freed)
        } else {
            object["bytes"] = .integer(file.occupiedBytes)
        }
        return .object(object)
    }
}
