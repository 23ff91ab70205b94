import GGUF
import OllamaStore

/// The text layout of `show` and `gguf`: indented sections of aligned `label  value` lines.
enum ModelReport {
    /// How many elements of an array the text shows (`ollama show` empties arrays over 5 items); `--verbose`
    /// shows more, and only `--json` every one, so that no line is megabytes long.
    static func shownArrayElements(verbose: Bool) -> Int { verbose ? 32 : 5 }
    /// How many characters of a string the text shows, likewise.
    static func shownStringLength(verbose: Bool) -> Int { verbose ? 2000 : 80 }

    static func text(for record: ModelRecord, header: GGUFHeader?, verbose: Bool) -> String {
        var out: [String] = []
        section(
            "Model",
            [
                ("name", record.displayName), ("id", record.id), ("digest", record.digest),
                ("size", "\(HumanFormat.bytes(record.size)) (\(record.size) bytes; \(record.uniqueSize) unique)"),
                ("modified", HumanFormat.timestamp(nanosecondsSinceEpoch: record.modifiedNanoseconds)),
                ("status", record.status.rawValue),
                ("format", record.format ?? "-"), ("family", record.family ?? "-"),
                ("families", record.families?.joined(separator: ", ") ?? "-"),
                ("architecture", header?.architecture ?? "-"),
                ("parameters", record.parameterSize ?? "-"),
                ("parameter count", record.parameterCount.map(String.init) ?? "-"),
                ("context length", record.contextLength.map(String.init) ?? "-"),
                ("embedding length", record.embeddingLength.map(String.init) ?? "-"),
                (
                    "quantization",
                    record.quantization.map { "\($0) (from \(record.quantizationSource?.rawValue ?? "-"))" } ?? "-"
                ),
                ("config quantization", record.config?.fileType ?? "-"),
                ("parent model", record.parentModel ?? "-"),
                ("remote model", record.config?.remoteModel ?? "-"),
                ("manifest", record.manifestPath),
            ], into: &out)
        section("Capabilities", record.capabilities.map { ($0, "") }, into: &out)
        var blobs: [(String, String)] = []
        if let config = record.configBlob { blobs.append(("config", describe(config))) }
        for layer in record.layers {
            var label = LayerMediaType.shortName(layer.mediaType)
            if let name = layer.name { label += " \(name)" }
            blobs.append((label, describe(layer)))
        }
        section("Blobs", blobs, into: &out)
        if !record.problems.isEmpty { section("Problems", record.problems.map { ($0.description, "") }, into: &out) }
        if let header {
            out.append("")
            out.append(contentsOf: metadataLines(header, verbose: verbose))
        }
        return out.joined(separator: "\n")
    }

    static func text(for header: GGUFHeader, verbose: Bool) -> String {
        let fileType = header.fileType
        var out: [String] = []
        section(
            "GGUF",
            [
                ("file", header.path), ("size", "\(header.fileSize) bytes"),
                ("version", "\(header.version) (\(header.byteOrder.rawValue) endian)"),
                ("tensors", "\(header.tensors.count)"), ("metadata entries", "\(header.metadataCount)"),
                ("alignment", "\(header.alignment)"), ("data offset", "\(header.dataOffset)"),
                ("architecture", header.architecture ?? "-"), ("type", header.fileKind ?? "-"),
                ("name", header.name ?? "-"), ("basename", header.basename ?? "-"),
                ("size label", header.sizeLabel ?? "-"), ("finetune", header.finetune ?? "-"),
                ("file type", fileType.map { ft in ft.value.map { "\(ft) (\($0))" } ?? ft.description } ?? "-"),
                ("quantization version", header.quantizationVersion.map(String.init) ?? "-"),
                ("parameters", "\(HumanFormat.number(header.parameterCount)) (\(header.parameterCount))"),
                ("tensor bytes", "\(header.tensorBytes)"),
                ("bits per weight", header.bitsPerWeight.map { HumanFormat.fixed($0, decimals: 3) } ?? "-"),
                ("context length", header.contextLength.map(String.init) ?? "-"),
                ("embedding length", header.embeddingLength.map(String.init) ?? "-"),
                ("block count", header.blockCount.map(String.init) ?? "-"),
                ("head count", header.headCount.map(String.init) ?? "-"),
                ("head count kv", header.headCountKV.map(String.init) ?? "-"),
                ("vocabulary size", header.vocabularySize.map(String.init) ?? "-"),
                ("tokenizer", header.tokenizerModel ?? "-"),
                ("chat template", header.hasChatTemplate ? "yes" : "no"),
                ("split", header.split.map { "\($0.index + 1) of \($0.count)" } ?? "-"),
                ("tensor types", header.tensorTypeHistogram.map { "\($0.type) \($0.count)" }.joined(separator: ", ")),
            ], into: &out)
        if !header.problems.isEmpty { section("Problems", header.problems.map { ($0, "") }, into: &out) }
        out.append("")
        out.append(contentsOf: metadataLines(header, verbose: verbose))
        return out.joined(separator: "\n")
    }

    /// The metadata section, and with `verbose` the tensor list.
    static func metadataLines(_ header: GGUFHeader, verbose: Bool) -> [String] {
        var rows = header.metadata.map { ($0.key, render($0.value, verbose: verbose)) }
        rows.append(("general.parameter_count", "\(header.parameterCount)"))
        var out: [String] = []
        section("Metadata", rows, into: &out)
        if verbose {
            section(
                "Tensors",
                header.tensors.map { t in
                    (
                        t.name,
                        "\(t.type.name) [\(t.dimensions.map(String.init).joined(separator: ", "))] offset \(t.offset)"
                    )
                }, into: &out)
        }
        return out
    }

    static func render(_ value: GGUFValue, verbose: Bool) -> String {
        switch value {
        case .string(let s):
            var text = s.value.replacingNewlines()
            let limit = shownStringLength(verbose: verbose)
            if text.count > limit { text = String(text.prefix(limit)) + "…" }
            return "\"\(text)\"" + (s.isComplete ? "" : " (\(s.length) bytes)")
        case .array(let a):
            let shown = Array(a.elements.prefix(shownArrayElements(verbose: verbose)))
            var parts = shown.map { render($0, verbose: verbose) }
            if UInt64(shown.count) < a.count { parts.append("…") }
            return "[\(parts.joined(separator: ", "))] (\(a.count) \(a.elementType))"
        default:
            if let n = value.integerValue { return String(n) }
            if case .float32(let f) = value { return "\(f)" }
            if case .float64(let d) = value { return "\(d)" }
            if case .bool(let b) = value { return b ? "true" : "false" }
            if case .uint64(let u) = value { return String(u) }
            return "?"
        }
    }

    private static func describe(_ blob: ModelRecord.Blob) -> String {
        let where_ = blob.path ?? blob.digest
        switch blob.state {
        case .present: return "\(where_) (\(blob.declaredSize) bytes)"
        case .missing: return "\(where_) (MISSING)"
        case .sizeDiffers(let actual): return "\(where_) (\(actual) bytes, manifest says \(blob.declaredSize))"
        case .unreadable(let reason): return "\(where_) (UNUSABLE: \(reason))"
        case .invalidDigest: return "invalid digest \"\(blob.digest)\""
        }
    }

    private static func section(_ title: String, _ rows: [(String, String)], into out: inout [String]) {
        if !out.isEmpty { out.append("") }
        out.append("  \(title)")
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            out.append(
                value.isEmpty
                    ? "    \(label)" : "    \(label)" + String(repeating: " ", count: width - label.count + 4) + value)
        }
    }
}

extension String {
    /// The text on one line, with `\n` and `\r` shown as escapes.
    fileprivate func replacingNewlines() -> String {
        var out = ""
        for c in self {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
