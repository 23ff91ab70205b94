import OllamaStore

/// What a bundle's member is: a blob, a manifest, one of their folders, or something no bundle may hold.
/// A bundle is a store's `manifests/` and `blobs/` and nothing else, so every other name is refused: an
/// absolute path, a `..`, a link, a name outside the two folders.
enum BundleMember: Equatable {
    case blob(BlobDigest)
    case manifest(ModelName)
    case folder
    /// Why the member is refused.
    case refused(String)

    init(_ entry: TarEntry) {
        let name = entry.name
        guard !name.hasPrefix("/") else {
            self = .refused("\(name): an absolute path")
            return
        }
        var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.first == "." { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        guard !parts.contains("..") else {
            self = .refused("\(name): a path that climbs out with ..")
            return
        }
        guard !parts.contains(""), !parts.contains(".") else {
            self = .refused("\(name): an empty or . part in the path")
            return
        }
        switch entry.kind {
        case .symbolicLink(let target):
            self = .refused("\(name): a symbolic link (to \(target))")
            return
        case .hardLink(let target):
            self = .refused("\(name): a hard link (to \(target))")
            return
        case .other(let flag):
            self = .refused("\(name): a member of type \(Self.typeName(flag)), not a file")
            return
        case .directory:
            let isStoreFolder =
                parts.isEmpty || (parts.count == 1 && ["manifests", "blobs"].contains(parts[0]))
                || (parts[0] == "manifests" && parts.count <= 4)
            self = isStoreFolder ? .folder : .refused("\(name): a folder that is not part of a store's layout")
            return
        case .file:
            break
        }
        if parts.count == 2, parts[0] == "blobs" {
            if case .blob(let digest, _) = BlobInventory.classify(parts[1]) {
                self = .blob(digest)
            } else {
                self = .refused("\(name): a file in blobs/ whose name is not a blob's (sha256-<64 hex digits>)")
            }
            return
        }
        if parts.count == 5, parts[0] == "manifests" {
            let model = ModelName(pathComponents: Array(parts[1...]))
            if let invalid = model.invalidPart {
                self = .refused("\(name): an invalid model name (\(invalid.part): \(invalid.reason))")
            } else {
                self = .manifest(model)
            }
            return
        }
        self = .refused("\(name): not a store's manifests/<host>/<namespace>/<model>/<tag> or blobs/sha256-<hex>")
    }

    private static func typeName(_ flag: UInt8) -> String {
        switch flag {
        case UInt8(ascii: "3"): return "character device"
        case UInt8(ascii: "4"): return "block device"
        case UInt8(ascii: "6"): return "FIFO"
        case UInt8(ascii: "S"): return "sparse file"
        default: return "'\(flag >= 0x20 && flag < 0x7F ? String(UnicodeScalar(flag)) : "\\(\(flag))")'"
        }
    }
}
