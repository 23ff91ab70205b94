import Foundation

/// Runs a program to its end and returns its exit code and everything it printed: what the tests of the
/// command line and of the outputs other tools check (Python's parsers and validators) all need.
/// - Parameters:
///   - environment: the whole environment (nil: this process's).
///   - directory: the working directory (nil: this process's).
public func runCapturing(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
) throws -> (code: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained before waiting, stderr on another thread, so that neither can fill up and block.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
}
