/// The media types of manifest layers that ollama-scan treats specially.
public enum LayerMediaType {
    public static let model = "application/vnd.ollama.image.model"
    public static let projector = "application/vnd.ollama.image.projector"
    public static let adapter = "application/vnd.ollama.image.adapter"
    public static let draft = "application/vnd.ollama.image.draft"
    public static let template = "application/vnd.ollama.image.template"
    /// The 2023 name of a template layer.
    public static let prompt = "application/vnd.ollama.image.prompt"
    public static let system = "application/vnd.ollama.image.system"
    public static let params = "application/vnd.ollama.image.params"
    public static let messages = "application/vnd.ollama.image.messages"
    public static let license = "application/vnd.ollama.image.license"
    public static let tensor = "application/vnd.ollama.image.tensor"
    public static let json = "application/vnd.ollama.image.json"
    /// The config media type; old registry models also list the config again as a layer of this type.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let manifestV2 = "application/vnd.docker.distribution.manifest.v2+json"

    /// The media types manifests use, as static strings.
    static let known = [
        model, projector, adapter, draft, template, prompt, system, params, messages, license, tensor, json,
        dockerConfig, manifestV2,
    ]

    /// `mediaType` itself, or the equal static string: a large store repeats a dozen media types hundreds of
    /// thousands of times, and a static string costs no memory per copy.
    static func interned(_ mediaType: String) -> String { known.first { $0 == mediaType } ?? mediaType }

    /// The short form `ollama-scan` prints: `model` for `application/vnd.ollama.image.model`.
    public static func shortName(_ mediaType: String) -> String {
        let prefix = "application/vnd.ollama.image."
        if mediaType.hasPrefix(prefix) { return String(mediaType.dropFirst(prefix.count)) }
        if mediaType == dockerConfig { return "docker-config" }
        return mediaType
    }
}
