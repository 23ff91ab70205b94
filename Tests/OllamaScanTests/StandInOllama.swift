import FixtureKit
import Foundation

/// A process whose command name is `ollama` (a copy of `sleep`), for the writers' refusal to run beside a
/// server. While one runs, every writer the tests start without `--while-running` is refused, whichever test
/// started it: the tests of writers that must succeed pass `--while-running` for that reason.
final class StandInOllama {
    private let process = Process()
    private let directory: TemporaryDirectory
    var pid: Int32 { process.processIdentifier }

    init() throws {
        directory = try TemporaryDirectory()
        let binary = directory.file("ollama")
        try FileManager.default.copyItem(atPath: "/bin/sleep", toPath: binary)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["60"]
        try process.run()
        // /proc shows the new name once exec has happened.
        for _ in 0..<100 {
            if (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) == "ollama\n" { return }
            usleep(10_000)
        }
    }

    /// SIGKILL: a child may inherit an ignored SIGTERM from the test runner.
    func stop() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { stop() } }
}
