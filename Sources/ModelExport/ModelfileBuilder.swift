import OllamaStore
import OrderedJSON

/// Builds the Modelfile that recreates an exported model with `ollama create`, from its layers as Ollama's
/// `GetModel` reads them: the last template and system layer win, params layers merge, the last messages
/// layer wins, and every license layer counts.
///
/// What a Modelfile cannot carry (a value with a character Ollama's parser drops, a parameter that is not a
/// string, number or Boolean, a message role Ollama refuses) is left out with a comment at the top and a
/// warning, never written in a form `ollama create` would read differently.
public struct ModelfileBuilder {
    /// The layers whose content goes into the Modelfile.
    static let textMediaTypes: Set<String> = [
        LayerMediaType.template, LayerMediaType.prompt, LayerMediaType.system, LayerMediaType.params,
        LayerMediaType.messages, LayerMediaType.license,
    ]

    private let record: ModelRecord
    private var modelfile = Modelfile()
    /// What was left out, one line each.
    private(set) var warnings: [String] = []

    private init(record: ModelRecord) {
        self.record = record
    }

    /// The Modelfile for `plan`, and what it had to leave out.
    /// - Parameter contents: the bytes of each of `plan.textLayers`, by digest (already checked against it).
    /// - Throws: `ExportError.notExportable` if the text would not parse back to the same instructions (a
    ///   defect of this builder, checked so that it can never reach a user's Modelfile).
    public static func build(for record: ModelRecord, plan: ExportPlan, contents: [BlobDigest: [UInt8]])
        throws(ExportError) -> (modelfile: Modelfile, warnings: [String])
    {
        var builder = ModelfileBuilder(record: record)
        builder.modelfile.comments = [
            "Exported by ollama-scan from \(record.displayName) (ID \(record.id)).",
            "Recreate the model from this folder with: ollama create \(record.displayName) -f Modelfile",
        ]
        for file in plan.files {
            switch file.role {
            case .model, .projector: builder.add("from", "./" + file.fileName, what: "FROM")
            case .adapter(1): builder.add("adapter", "./" + file.fileName, what: "ADAPTER")
            case .adapter:
                // `ollama create` keeps only the last ADAPTER line, and its server refuses more than one
                // adapter file, so the others are exported but cannot be named.
                builder.warnings.append(
                    "ADAPTER ./\(file.fileName): ollama create takes one adapter; the file is exported but not named")
            case .draft: builder.add("draft", "./" + file.fileName, what: "DRAFT")
            }
        }
        func text(_ types: [String]) -> [(ModelRecord.Blob, [UInt8])] {
            plan.textLayers.filter { types.contains($0.mediaType) }.compactMap { layer in
                layer.blobDigest.flatMap { contents[$0] }.map { (layer, $0) }
            }
        }
        if let (layer, bytes) = text([LayerMediaType.template, LayerMediaType.prompt]).last {
            builder.addText("template", bytes, layer: layer)
        }
        if let (layer, bytes) = text([LayerMediaType.system]).last {
            builder.addText("system", bytes, layer: layer)
        }
        builder.addParameters(text([LayerMediaType.params]))
        if let (layer, bytes) = text([LayerMediaType.messages]).last {
            builder.addMessages(bytes, layer: layer)
        }
        for (layer, bytes) in text([LayerMediaType.license]) {
            builder.addText("license", bytes, layer: layer)
        }
        if let config = record.config {
            for (name, value) in [
                ("renderer", config.renderer), ("parser", config.parser), ("requires", config.requires),
            ] {
                if let value, !value.isEmpty { builder.add(name, value, what: name.uppercased()) }
            }
        }
        for warning in builder.warnings { builder.modelfile.comments.append("Left out: \(warning)") }
        try builder.checkReadsBack()
        return (builder.modelfile, builder.warnings)
    }

    /// Adds the instruction if the parser reads its value back unchanged, else a warning naming `what`.
    private mutating func add(_ instruction: Modelfile.Instruction, what: String) {
        do {
            _ = try Modelfile.quoted(instruction.value)
            modelfile.instructions.append(instruction)
        } catch {
            warnings.append("\(what): \(error.reason)")
        }
    }

    private mutating func add(_ name: String, _ value: String, what: String) {
        add(.command(name, value), what: what)
    }

    private mutating func addText(_ name: String, _ bytes: [UInt8], layer: ModelRecord.Blob) {
        let what = "\(name.uppercased()) (\(layer.blobDigest?.shortForm ?? layer.digest))"
        guard let text = String(validating: bytes, as: UTF8.self) else {
            warnings.append("\(what): it is not UTF-8 text")
            return
        }
        add(name, text, what: what)
    }

    /// `PARAMETER` lines from the params layers, merged as Go decodes them into one map; an array gives one
    /// line per element, as `ollama show --modelfile` writes `stop`.
    private mutating func addParameters(_ layers: [(ModelRecord.Blob, [UInt8])]) {
        var merged: [(String, JSONValue)] = []
        for (layer, bytes) in layers {
            guard let object = try? JSONReader.parsePrefix(bytes).value.objectValue else {
                warnings.append(
                    "PARAMETER (\(layer.blobDigest?.shortForm ?? layer.digest)): the params layer is not a JSON object")
                continue
            }
            for member in object.members {
                if let index = merged.firstIndex(where: { $0.0 == member.key }) {
                    merged[index].1 = member.value
                } else {
                    merged.append((member.key, member.value))
                }
            }
        }
        for (name, value) in merged {
            let what = "PARAMETER \(name)"
            guard !name.isEmpty,
                name.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
                })
            else {
                warnings.append("\(what): a parameter name holds only letters, digits and _")
                continue
            }
            for element in value.arrayValue ?? [value] {
                guard let text = Self.parameterText(element) else {
                    warnings.append("\(what): a value that is not a string, number or Boolean")
                    continue
                }
                add(.parameter(name, text), what: what)
            }
        }
    }

    /// The value as the Modelfile writes it; numbers keep their JSON spelling, so `ollama create` parses the
    /// same number back (Go's `%v` would turn 1000000 into `1e+06`, which an integer option rejects).
    private static func parameterText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .number(let number): return number.text
        case .bool(let bool): return bool ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// `MESSAGE role content` lines from a messages layer (a JSON array of `{role, content}`).
    private mutating func addMessages(_ bytes: [UInt8], layer: ModelRecord.Blob) {
        guard let messages = try? JSONReader.parsePrefix(bytes).value.arrayValue else {
            warnings.append(
                "MESSAGE (\(layer.blobDigest?.shortForm ?? layer.digest)): the messages layer is not a JSON array")
            return
        }
        for (index, message) in messages.enumerated() {
            let what = "MESSAGE \(index + 1)"
            guard let object = message.objectValue, let role = object.goField("role")?.stringValue else {
                warnings.append("\(what): it has no role")
                continue
            }
            guard ["system", "user", "assistant"].contains(role) else {
                warnings.append("\(what): a Modelfile message is from system, user or assistant, not \(role)")
                continue
            }
            let carried: Set<String> = ["role", "content"]
            let dropped = object.members.filter { !carried.contains($0.key.lowercased()) && !Self.isEmpty($0.value) }
            if !dropped.isEmpty {
                warnings.append(
                    "\(what): only its role and content are kept, not \(dropped.map(\.key).joined(separator: ", "))")
            }
            add(.message(role: role, object.goField("content")?.stringValue ?? ""), what: what)
        }
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .bool, .number: return false
        }
    }

    /// Parses the rendered text as Ollama will and requires the same instructions back.
    private func checkReadsBack() throws(ExportError) {
        let text = modelfile.render()
        let parsed: [Modelfile.Instruction]
        do {
            parsed = try ModelfileParser.parse(text)
        } catch {
            throw .notExportable(model: record.displayName, reason: "its Modelfile would not parse \(error)")
        }
        guard parsed != modelfile.instructions else { return }
        let index = zip(parsed, modelfile.instructions).prefix { $0.0 == $0.1 }.count
        throw .notExportable(
            model: record.displayName, reason: "its Modelfile would not read back unchanged at instruction \(index + 1)"
        )
    }
}
