import FuzzSupport
import OllamaStore

// A manifest and a config blob, as a store scan parses them (both are JSON a download or a hand wrote).
runFuzzer { bytes in
    let input = Array(bytes)
    do throws(ManifestError) {
        let manifest = try Manifest(bytes: input)
        _ = (manifest.layers.count, manifest.config, manifest.modelLayer)
    } catch {
        _ = error.description
    }
    do throws(ManifestError) {
        _ = try ModelConfig(bytes: input)
    } catch {
        _ = error.description
    }
}
