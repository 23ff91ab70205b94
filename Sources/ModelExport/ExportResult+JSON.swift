import OrderedJSON

extension ExportResult {
    /// `export --json`: `{"model", "destination", "files", "modelfile", "warnings", "bytes_copied", "seconds"}`.
    public var jsonValue: JSONValue {
        .object(
            JSONObject([
                ("model", .string(model)),
                ("destination", .string(destination)),
                (
                    "files",
                    .array(
                        files.map { file in
                            .object(
                                JSONObject([
                                    ("role", .string(file.role.kind)),
                                    ("path", .string(file.path)),
                                    ("digest", .string(file.digest.description)),
                                    ("size", .integer(file.size)),
                                    ("method", .string(file.method.rawValue)),
                                    ("verified", .bool(file.verified)),
                                ]))
                        })
                ),
                ("modelfile", .string(modelfilePath)),
                ("warnings", .array(warnings.map { .string($0) })),
                ("bytes_copied", .integer(bytesCopied)),
                ("seconds", .double(seconds)),
            ]))
    }
}
