import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs one command as a child process and measures it: wall time from spawn to exit, and its peak resident
/// set size.
struct ChildProcess {
    struct Result {
        var status: Int32
        var seconds: Double
        /// Peak resident set size in bytes, when GNU time is installed.
        var peakRSS: Int64?
    }

    /// GNU time, which measures peak RSS correctly. `wait4`'s `ru_maxrss` for a child spawned from this
    /// process cannot be used: Linux carries the spawning process's own high-water mark across the exec of a
    /// vfork'd child, so every child would look at least as large as this benchmark. GNU time forks from a
    /// small process, so its figure is the command's own.
    /// (macOS's BSD `time` has no `-f`: there peak RSS is left out.)
    static let gnuTime: String? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        probe.arguments = ["--version"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? "/usr/bin/time" : nil
    }()

    /// Runs `arguments` (looked up in `PATH`) with stdout sent to `standardOutput` (default /dev/null) and
    /// stderr to /dev/null.
    static func run(_ arguments: [String], standardOutput: String = "/dev/null") throws -> Result {
        var rssFile: String?
        var arguments = arguments
        if let gnuTime {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "store-bench-rss-\(UUID().uuidString)"
            ).path
            arguments = [gnuTime, "-f", "%M", "-o", file] + arguments
            rssFile = file
        }
        defer { if let rssFile { try? FileManager.default.removeItem(atPath: rssFile) } }
        // Darwin declares these spawn types as optional pointers, Linux as structs; both are initialised below.
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The child starts with no blocked signals and every signal at its default action, whatever this
        // process inherited: `openssl speed` ends its timed runs with SIGALRM, and a test runner or Dispatch
        // thread may have it blocked, which would make it run forever.
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let start = ContinuousClock.now
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw BenchmarkError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("wait4 failed for \(arguments[0])") }
        }
        let elapsed = ContinuousClock.now - start
        let exited = status & 0x7f == 0
        // GNU time writes "Command exited with non-zero status N" first when the command fails.
        let kibibytes = rssFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
            .split(separator: "\n").last.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        return Result(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakRSS: kibibytes.map { $0 * 1024 })
    }

    /// Runs a shell pipeline through `/bin/sh -c`.
    static func shell(_ command: String) throws -> Result { try run(["/bin/sh", "-c", command]) }

    /// Runs `arguments` and returns its stdout (for `openssl speed` and `fincore`).
    static func output(_ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-out-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run(arguments, standardOutput: file)
        guard result.status == 0 else { throw BenchmarkError("\(arguments.joined(separator: " ")) failed") }
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    /// Whether `name` is a command on `PATH`.
    static func exists(_ name: String) -> Bool {
        (try? run(["/bin/sh", "-c", "command -v \(name)"]))?.status == 0
    }
}

/// A benchmark that cannot go on, with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
