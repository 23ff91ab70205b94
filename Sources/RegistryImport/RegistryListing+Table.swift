import ImageWorksRegistry
import FileIO
import Foundation
import OllamaStore
import OrderedJSON

extension RegistryListing.Row {
    /// The Model column: the display name with the `hf.co-<org>-` prefix trimmed, as ImageWorks shows it.
    public var modelColumn: String {
        let parts = entry.displayName.split(separator: "-", omittingEmptySubsequences: false)
        if entry.displayName.hasPrefix("hf.co-") && parts.count > 2 { return parts[2...].joined(separator: "-") }
        return entry.displayName
    }

    /// The Fmt column, as ImageWorks' listing derives it: the format, else the kind of the files.
    public var formatColumn: String {
        let format = entry.downloadFormat.stringValue?.lowercased() ?? ""
        if format == "gguf" || format == "safetensors" { return format.uppercased() }
        let files = entry.downloadFiles.compactMap(\.stringValue)
        if let kind = Self.kind(ofAny: files) { return kind }
        if let path = entry.downloadPath.stringValue, !path.isEmpty {
            let directory = (path as NSString).expandingTildeInPath
            if FileSystem.isDirectory(directory), let walk = try? DirectoryWalk(root: directory, limit: 500),
                let kind = Self.kind(ofAny: walk.entries.map(\.relativePath))
            {
                return kind
            }
        }
        return entry.backend == "ollama" ? "GGUF" : "-"
    }

    private static func kind(ofAny names: [String]) -> String? {
        if names.contains(where: { $0.lowercased().hasSuffix(".gguf") }) { return "GGUF" }
        if names.contains(where: { $0.lowercased().hasSuffix(".safetensors") }) { return "SAFETENSORS" }
        return nil
    }

    /// The Quant column, as ImageWorks' listing derives it, lower case unless `-`.
    public var quantColumn: String {
        let format = entry.downloadFormat.stringValue?.lowercased() ?? ""
        let quant = entry.quantization.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let text: String
        switch format {
        case "gguf", "safetensors": text = quant ?? "-"
        case "fp16", "fp32", "bf16": text = quant ?? format
        case "awq", "gptq", "exl2", "marlin":
            if let quant, quant.lowercased() != format { text = "\(format)-\(quant)" } else { text = format }
        default: text = quant ?? (format.isEmpty ? "-" : format)
        }
        return text == "-" ? text : text.lowercased()
    }

    /// The Size column: 1024-based units with one decimal, as the original prints them.
    public var sizeColumn: String { HumanFormat.binaryBytes(entry.downloadSizeBytes.int64Value ?? 0) }
}
