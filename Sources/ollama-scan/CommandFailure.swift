/// A failure the CLI reports as one line on stderr, with its exit code.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    /// The input cannot be used at all (bad store, unreadable file): exit 2.
    static func unusable(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }

    /// The thing asked for does not exist, or the answer is "bad": exit 1.
    static func notFound(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 1) }
}
