import Foundation

/// The Python that holds the real parsers and validators the tests check output with (`prometheus_client`,
/// `cyclonedx-python-lib`): `$OLLAMA_SCAN_PYTHON` (set by `.ci/run`), else the virtual environment `.ci/run`
/// makes in `.cache/python-venv`. A test that needs it skips with a message when neither is there; under
/// `.ci/run` it always is.
public enum PythonTools {
    public static let python: String? = {
        if let given = ProcessInfo.processInfo.environment["OLLAMA_SCAN_PYTHON"], !given.isEmpty { return given }
        let venv = SharedReference.packageRoot.appendingPathComponent(".cache/python-venv/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }()

    /// Whether the Python exists and imports every module.
    public static func has(_ modules: [String]) -> Bool {
        guard python != nil else { return false }
        return (try? run("import " + modules.joined(separator: ", "), arguments: []).code) == 0
    }

    /// Runs `script` with `arguments` (`sys.argv[1:]`).
    public static func run(_ script: String, arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        guard let python else { throw CocoaError(.fileNoSuchFile) }
        return try runCapturing(URL(fileURLWithPath: python), ["-c", script] + arguments)
    }
}
