import ArgumentParser
import Foundation

extension DFC {
    /// Runs `dfc ARGUMENTS` in this process, a worker forked by the launcher, and returns
    /// the status the same command would exit with if started from the executable.
    static func runAsWorker(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            return exitCode(for: error).rawValue
        }
    }
}
