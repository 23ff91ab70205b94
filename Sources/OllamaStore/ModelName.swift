/// A model's name in Ollama's four parts: host, namespace, model and tag.
///
/// Parsing, validation and display follow Ollama's `types/model/name.go`: `llama3` is
/// `registry.ollama.ai/library/llama3:latest`, and is shown as `llama3:latest`.
public struct ModelName: Hashable, Sendable, CustomStringConvertible {
    public static let defaultHost = "registry.ollama.ai"
    public static let defaultNamespace = "library"
    public static let defaultTag = "latest"
    /// What Ollama puts in a part that a separator promised but left empty; it makes the name invalid.
    static let missingPart = "!MISSING!"

    public var host: String
    public var namespace: String
    public var model: String
    public var tag: String

    public init(host: String, namespace: String, model: String, tag: String) {
        self.host = host
        self.namespace = namespace
        self.model = model
        self.tag = tag
    }

    /// Parses a name as Ollama's `ParseName` does (`ParseNameBare`, then the defaults for missing parts).
    ///
    /// The tag is what follows the last `:` if that comes after the last `/` (so `localhost:5000/ns/m` has no
    /// tag); then the model, namespace and host are cut at the last `/` each; a `scheme://` prefix is dropped
    /// from the host. The result may be invalid (check `isValid`): `a/b/c/d` leaves `a/b` as the host.
    public init(parsing text: String) {
        var rest = Substring(text)
        var tag = ""
        if let colon = rest.lastIndex(of: ":"),
            colon > (rest.lastIndex(of: "/") ?? rest.startIndex) || !rest.contains("/")
        {
            (rest, tag) = Self.cutPromised(rest, at: colon)
        }
        var host = ""
        var namespace = ""
        let model: String
        if let slash = rest.lastIndex(of: "/") {
            let (before, after) = Self.cutPromised(rest, at: slash)
            model = after
            if let slash2 = before.lastIndex(of: "/") {
                let (hostPart, ns) = Self.cutPromised(before, at: slash2)
                namespace = ns
                if let scheme = hostPart.firstRange(of: "://") {
                    host = String(hostPart[scheme.upperBound...])
                } else {
                    host = String(hostPart)
                }
            } else {
                namespace = String(before)
            }
        } else {
            model = String(rest)
        }
        self.init(
            host: host.isEmpty ? Self.defaultHost : host,
            namespace: namespace.isEmpty ? Self.defaultNamespace : namespace,
            model: model, tag: tag.isEmpty ? Self.defaultTag : tag)
    }

    /// Go's `cutPromised`: both sides of the separator, an empty side replaced by `!MISSING!`.
    private static func cutPromised(_ s: Substring, at index: Substring.Index) -> (Substring, String) {
        let before = s[..<index]
        let after = String(s[s.index(after: index)...])
        return (before.isEmpty ? Substring(missingPart) : before, after.isEmpty ? missingPart : after)
    }

    /// The name of the manifest at `manifests/<host>/<namespace>/<model>/<tag>`, from those four components.
    public init(pathComponents parts: [String]) {
        precondition(parts.count == 4, "a manifest path has four components")
        self.init(host: parts[0], namespace: parts[1], model: parts[2], tag: parts[3])
    }

    /// Whether every part satisfies Ollama's `isValidPart` (see `invalidPart`).
    public var isValid: Bool { invalidPart == nil }

    /// The first part that Ollama would reject, with the reason, or `nil` for a valid name.
    ///
    /// A part starts with `[A-Za-z0-9_]`; later characters may be `[A-Za-z0-9_-]`, plus `.` everywhere except
    /// in the namespace, plus `:` only in the host. The host is 1 to 350 bytes, the other parts 1 to 80.
    public var invalidPart: (part: String, reason: String)? {
        for (part, value, kind) in [
            ("host", host, Kind.host), ("namespace", namespace, .namespace),
            ("model", model, .model), ("tag", tag, .tag),
        ] {
            if let reason = Self.problem(with: value, kind: kind) { return (part, reason) }
        }
        return nil
    }

    private enum Kind { case host, namespace, model, tag }

    private static func problem(with part: String, kind: Kind) -> String? {
        let bytes = Array(part.utf8)
        let limit = kind == .host ? 350 : 80
        if part == missingPart || bytes.isEmpty { return "is empty" }
        if bytes.count > limit { return "is \(bytes.count) bytes long, more than \(limit)" }
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        for (i, b) in bytes.enumerated() {
            if isWord(b) { continue }
            if i > 0 {
                if b == UInt8(ascii: "-") { continue }
                if b == UInt8(ascii: ".") && kind != .namespace { continue }
                if b == UInt8(ascii: ":") && kind == .host { continue }
            }
            let shown = b < 0x80 ? "'\(Character(Unicode.Scalar(b)))'" : "a non-ASCII byte"
            return "has \(shown) at position \(i + 1)"
        }
        return nil
    }

    /// Ollama's `DisplayShortest`: the default host and `library/` are left out (compared without case);
    /// the tag is always shown.
    public var displayShortest: String {
        if !host.equalsIgnoringASCIICase(Self.defaultHost) {
            return "\(host)/\(namespace)/\(model):\(tag)"
        }
        if !namespace.equalsIgnoringASCIICase(Self.defaultNamespace) {
            return "\(namespace)/\(model):\(tag)"
        }
        return "\(model):\(tag)"
    }

    public var description: String { displayShortest }

    /// The manifest's path below `manifests/`.
    public var relativeManifestPath: String { "\(host)/\(namespace)/\(model)/\(tag)" }

    /// Whether `other` names the same model as Ollama's lookups see it: every part equal without case.
    public func matches(_ other: ModelName) -> Bool {
        host.equalsIgnoringASCIICase(other.host) && namespace.equalsIgnoringASCIICase(other.namespace)
            && model.equalsIgnoringASCIICase(other.model) && tag.equalsIgnoringASCIICase(other.tag)
    }
}

extension StringProtocol {
    /// Go's `strings.EqualFold` for ASCII text (name parts are ASCII).
    func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || ((x | 0x20) == (y | 0x20) && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
        }
    }
}
