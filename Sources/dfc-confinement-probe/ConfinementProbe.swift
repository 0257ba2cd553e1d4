import DFCKit
import Foundation

/// Applies the worker's `Confinement` to itself, then tries what a demuxer exploited by
/// crafted footage would try, and prints one line per attempt: `NAME ok` or `NAME errno N`.
/// The confinement tests run it; it is the real policy on the real kernel, nothing mocked.
@main
struct ConfinementProbe {
    static func main() {
        // Opened before confinement, like a worker's input and output.
        let input = open("/etc/hostname", O_RDONLY)
        let output = open(CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/dev/null", O_WRONLY)
        let confinement: Confinement
        do {
            confinement = try Confinement.apply()
        } catch {
            print("confine failed \(error)")
            exit(1)
        }
        print("landlock \(confinement.landlockABI.map(String.init) ?? "none")")
        func report(_ name: String, _ result: Int32) { print(result >= 0 ? "\(name) ok" : "\(name) errno \(errno)") }
        var byte: UInt8 = 0
        report("read-open-input", Int32(read(input, &byte, 1)))
        report("write-open-output", Int32(write(output, "x", 1)))
        report("open-other-file", open("/etc/passwd", O_RDONLY))
        report("create-file", open(NSTemporaryDirectory() + "dfc-probe-\(getpid())", O_WRONLY | O_CREAT, 0o600))
        report("socket-inet", socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        report("socket-unix", socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0))
        let child = fork()
        if child == 0 { _exit(0) }
        report("fork", child)
        report("exec", execv("/bin/true", [strdup("/bin/true"), nil]))
        let thread = Thread { print("thread ok"); fflush(nil) }
        thread.start()
        usleep(200_000)
        fflush(nil)
    }
}
