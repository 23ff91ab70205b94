import ArgumentParser
import Foundation

/// The process entry point: runs the command and maps every failure to the documented exit codes
/// (0 success, 1 the answer is "bad" or "not found", 2 usage error or unusable input, 130 interrupted).
@main
enum Entry {
    static func main() {
        if let message = SubcommandSuggestion.message(for: Array(CommandLine.arguments.dropFirst())) {
            Console.error(message)
            exit(2)
        }
        do {
            var command = try OllamaScan.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            exit(failure.exitCode)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = OllamaScan.exitCode(for: error)
            let message = OllamaScan.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            // argument-parser's usage failures exit 64; ours exit 2, like every other unusable input.
            Console.errorRaw(message)
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
