import ImageWorksRegistry
import FileIO
import Foundation
import GGUF
import Hashing
import OllamaStore
import OrderedJSON

/// `registry normalize-formats`: for entries whose `download_path` is a
/// local file or directory, the format and quantization are read from the files themselves (a GGUF by its
/// header), and with `rebuild` the size, file list and checksum are recomputed; a blob inside an Ollama store
/// gets the values an import would give it.
public struct FormatNormalizer {
    /// What happens to an entry.
    public enum Action: String, Sendable {
        case update
        case pruneMissing = "prune-missing"
    }

    /// One field's change.
    public struct FieldChange: Sendable, Equatable {
        /// The registry key (`download_format`, `quantization`, …).
        public var key: String
        /// The value before.
        public var old: JSONValue
        /// The value after.
        public var new: JSONValue
    }

    /// The changes for a registry, and the entries whose path is missing.
    public struct Plan: Sendable, Equatable {
        /// In registry order.
        public var changes: [Change]
        /// Entries whose download path does not exist, left alone (unless `pruneMissing`, which plans their
        /// removal instead).
        public var missing: [String]
    }

    /// What happens to one entry.
    public struct Change: Sendable, Equatable {
        /// The entry's name.
        public var name: String
        /// `update` its fields, or `prune-missing`: remove it.
        public var action: Action
        /// The fields that change (empty for a removal).
        public var fields: [FieldChange]
    }

    /// Also recompute the size, the file list and the directory checksum (`--rebuild`).
    public var rebuild = false
    /// Plan the removal of entries whose path is missing (`--prune-missing`).
    public var pruneMissing = false

    /// A normalizer; by default it only re-detects format and quantization.
    public init(rebuild: Bool = false, pruneMissing: Bool = false) {
        self.rebuild = rebuild
        self.pruneMissing = pruneMissing
    }

    /// The changes for `registry`, in registry order, and the entries whose path is missing (left alone
    /// unless `pruneMissing`).
    public func plan(_ registry: Registry) -> Plan {
        var changes: [Change] = []
        var missing: [String] = []
        var stores: [String: [String: ModelRecord]] = [:]
        for entry in registry.entries {
            guard let raw = entry.downloadPath.stringValue, !raw.isEmpty else { continue }
            let path = (raw as NSString).expandingTildeInPath
            guard let status = try? FileStatus(path: path) else {
                if pruneMissing {
                    changes.append(Change(name: entry.name, action: .pruneMissing, fields: []))
                } else {
                    missing.append(entry.name)
                }
                continue
            }
            let isDirectory = status.kind == .directory
            var proposed: [(String, JSONValue)] = []
            let detected = isDirectory ? Self.detectDirectory(path) : Self.detectFile(path)
            if let format = detected.format { proposed.append(("download_format", .string(format))) }
            if let quant = detected.quant { proposed.append(("quantization", .string(quant))) }
            if rebuild {
                if let model = storeModel(blob: path, cache: &stores) {
                    // A store blob gets what an import would record, so the two commands never disagree.
                    proposed.append(("download_size_bytes", .integer(model.size)))
                    proposed.append(
                        ("download_files", .array(RegistryImporter.downloadFiles(model).map(JSONValue.string))))
                } else {
                    let files = isDirectory ? Self.files(under: path) : []
                    let size =
                        isDirectory
                        ? files.reduce(Int64(0)) { $0 + $1.size }
                        : status.size
                    proposed.append(("download_size_bytes", .integer(size)))
                    proposed.append(
                        (
                            "download_files",
                            .array((isDirectory ? files.map(\.relativePath) : [raw]).map(JSONValue.string))
                        ))
                    proposed.append(("download_directory_checksum", .string(Self.directoryChecksum(files))))
                }
            }
            let current = entry.jsonValue
            var fields: [FieldChange] = []
            for (key, value) in proposed {
                let old = current[key] ?? .null
                guard old != value else { continue }
                // Never a size of 0 or an empty file list over a real value: a failed detection must not erase.
                if (key == "download_size_bytes" && value == .integer(0) && PythonValue.truthy(old))
                    || (key == "download_files" && value == .array([]) && PythonValue.truthy(old))
                {
                    continue
                }
                fields.append(FieldChange(key: key, old: old, new: value))
            }
            if !fields.isEmpty { changes.append(Change(name: entry.name, action: .update, fields: fields)) }
        }
        return Plan(changes: changes, missing: missing)
    }

    /// Applies planned changes to `registry` in memory.
    public func apply(_ changes: [Change], to registry: inout Registry) {
        registry.removeAll(named: Set(changes.filter { $0.action == .pruneMissing }.map(\.name)))
        for change in changes where change.action != .pruneMissing {
            guard var entry = registry.entry(named: change.name) else { continue }
            for field in change.fields {
                switch field.key {
                case "download_format": entry.downloadFormat = field.new
                case "quantization": entry.quantization = field.new
                case "download_size_bytes": entry.downloadSizeBytes = field.new
                case "download_files": entry.downloadFiles = field.new.arrayValue ?? []
                case "download_directory_checksum": entry.downloadDirectoryChecksum = field.new
                default: break
                }
            }
            registry.put(entry)
        }
    }

    // MARK: - Detection

    /// A file is GGUF when its header reads (not by its extension); the quant is what the header states.
    static func detectFile(_ path: String) -> (format: String?, quant: String?) {
        guard let header = try? GGUFReader().readHeader(atPath: path) else { return (nil, nil) }
        return ("gguf", quant(of: header))
    }

    static func quant(of header: GGUFHeader) -> String? {
        Quantization(fileType: header.fileType, config: nil, acceptingGuess: false)?.name.lowercased()
    }

    /// A directory: GGUF by the header of its first `*.gguf`; otherwise ImageWorks' rules on file names.
    static func detectDirectory(_ path: String) -> (format: String?, quant: String?) {
        let files = files(under: path).map(\.relativePath)
        let lower = files.map { $0.lowercased() }
        if let gguf = files.first(where: { $0.lowercased().hasSuffix(".gguf") }) {
            return ("gguf", (try? GGUFReader().readHeader(atPath: path + "/" + gguf)).flatMap(quant(of:)))
        }
        var format: String?
        let directoryName = (path as NSString).lastPathComponent.lowercased()
        if lower.contains(where: {
            $0.hasSuffix(".awq") || $0.contains("-awq") || $0.contains("_awq") || $0.contains("/awq")
        })
            || directoryName.contains("awq")
        {
            format = "awq"
        } else if lower.contains(where: { $0.contains("gptq") }) {
            format = "gptq"
        } else if lower.contains(where: { $0.hasSuffix(".safetensors") }) {
            format = "fp16"
        }
        var quant: String?
        for config in ["quantization_config.json", "quant_config.json"] where quant == nil {
            guard let bytes = try? ReadOnlyFile.contents(ofFile: path + "/" + config, limit: 1 << 20) else { continue }
            if let object = try? JSONReader.parse(bytes),
                object["quant_method"]?.stringValue?.lowercased() == "awq"
                    || object["method"]?.stringValue?.lowercased() == "awq",
                let bits = (object["bits"] ?? object["w_bit"])?.int64Value,
                let group = (object["group_size"] ?? object["q_group_size"])?.int64Value
            {
                quant = "w\(bits)g\(group)"
            }
            break
        }
        if quant == nil {
            let tokens: [(String, [String])] = [
                ("q4_k_m", ["q4_k_m", "q4-k-m", "q4km"]), ("q5_k_m", ["q5_k_m", "q5-k-m", "q5km"]),
                ("q6_k", ["q6_k", "q6-k", "q6k"]), ("int4", ["int4"]), ("int8", ["int8"]),
            ]
            outer: for name in lower {
                for (token, spellings) in tokens where spellings.contains(where: { name.contains($0) }) {
                    quant = token
                    break outer
                }
            }
        }
        return (format, quant)
    }

    /// A regular file below a directory: its path relative to the directory ("/"-separated) and size.
    struct TreeFile {
        var relativePath: String
        var size: Int64
    }

    /// The files below `path`, sorted part by part as Python's `Path` ordering does.
    static func files(under path: String) -> [TreeFile] {
        guard let walk = try? DirectoryWalk(root: path) else { return [] }
        var files: [TreeFile] = []
        for entry in walk.entries {
            // A link to a file counts as the file, as Python's `Path.is_file()` counts it.
            guard let status = try? FileStatus(path: path + "/" + entry.relativePath), status.kind == .regular else {
                continue
            }
            files.append(TreeFile(relativePath: entry.relativePath, size: status.size))
        }
        return files.sorted {
            $0.relativePath.split(separator: "/").lexicographicallyPrecedes($1.relativePath.split(separator: "/"))
        }
    }

    /// ImageWorks' `compute_directory_checksum`: the first 16 hex digits of the sha256 of every file's relative
    /// path followed by its size, in order (a regular file has no files under it: `e3b0c44298fc1c14`).
    static func directoryChecksum(_ files: [TreeFile]) -> String {
        let text = files.map { $0.relativePath + String($0.size) }.joined()
        return String(((try? SHA256Hasher.digest(of: Array(text.utf8)))?.hex ?? "").prefix(16))
    }

    /// The model of an Ollama store whose model blob is `path` (`<root>/blobs/sha256-<hex>`), scanning each
    /// store once and indexing its models by model blob (the first model in scan order wins).
    private func storeModel(blob path: String, cache: inout [String: [String: ModelRecord]]) -> ModelRecord? {
        let blobs = (path as NSString).deletingLastPathComponent
        guard (blobs as NSString).lastPathComponent == "blobs", (path as NSString).lastPathComponent.hasPrefix("sha256")
        else { return nil }
        let root = (blobs as NSString).deletingLastPathComponent
        if cache[root] == nil {
            let scan =
                FileSystem.exists(root + "/manifests") ? try? StoreScanner(root: StoreRoot(path: root)).scan() : nil
            let models = (scan?.models ?? []).compactMap { model in model.modelBlob.map { ($0, model) } }
            cache[root] = Dictionary(models, uniquingKeysWith: { first, _ in first })
        }
        return cache[root]?[path]
    }
}
