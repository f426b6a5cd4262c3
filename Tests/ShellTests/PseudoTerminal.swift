import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `mlopslab` with a pseudo-terminal as stdin, stdout and stderr, so it uses the
/// libedit console as a person at a terminal would. Ctrl-C is sent as SIGINT to the process.
final class PseudoTerminalProcess {
    let process = Process()
    private let master: Int32
    private var collected = Data()

    init(runner: BinaryRunner, arguments: [String], environment extra: [String: String] = [:]) throws {
        let pty = try PTYFunctions()
        let master = pty.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, pty.grantpt(master) == 0, pty.unlockpt(master) == 0, let name = pty.ptsname(master) else {
            throw PTYError.unavailable(String(cString: strerror(errno)))
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PTYError.unavailable(String(cString: strerror(errno))) }
        self.master = master
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = BinaryRunner.executable
        process.arguments = ["--home", runner.home.path] + arguments
        var environment = runner.environment
        environment["TERM"] = "xterm"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        try terminal.close()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        close(master)
    }

    /// Types `text` (use "\r" for Enter, "\u{4}" for Ctrl-D) after a short pause, as a person
    /// would: a key sent in the instant between the prompt and libedit's switch to raw mode
    /// would be taken by the terminal's line discipline instead.
    func type(_ text: String) {
        Thread.sleep(forTimeInterval: 0.3)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Ctrl-C as the terminal would deliver it.
    func interrupt() {
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
    }

    /// Everything shown so far.
    var transcript: String { String(decoding: collected, as: UTF8.self) }

    /// Reads the terminal until `marker` has appeared `occurrence` times or `timeout` passes.
    @discardableResult
    func waitFor(_ marker: String, occurrence: Int = 1, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if transcript.components(separatedBy: marker).count - 1 >= occurrence { return true }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, 4096) }
            if n <= 0 { return transcript.components(separatedBy: marker).count - 1 >= occurrence }
            collected.append(contentsOf: chunk[0..<n])
        }
        return false
    }

    /// Waits for the process to end (up to `timeout` seconds), draining the terminal; nil if it did not.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = waitFor("\u{0}never\u{0}", timeout: 0.2)
            if !process.isRunning {
                _ = waitFor("\u{0}never\u{0}", timeout: 0.2)
                return process.terminationStatus
            }
        }
        return nil
    }

    enum PTYError: Error { case unavailable(String) }
}

/// glibc's pseudo-terminal calls, looked up at run time: their declarations sit behind
/// _XOPEN_SOURCE, which Swift's Glibc module does not define.
private struct PTYFunctions {
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let openpt: IntFunction
    let grantpt: IntFunction
    let unlockpt: IntFunction
    let ptsname: NameFunction

    init() throws {
        let library = dlopen(nil, RTLD_NOW)
        func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let found = dlsym(library, name) else { throw PseudoTerminalProcess.PTYError.unavailable("\(name) not found") }
            return found
        }
        openpt = unsafeBitCast(try symbol("posix_openpt"), to: IntFunction.self)
        grantpt = unsafeBitCast(try symbol("grantpt"), to: IntFunction.self)
        unlockpt = unsafeBitCast(try symbol("unlockpt"), to: IntFunction.self)
        ptsname = unsafeBitCast(try symbol("ptsname"), to: NameFunction.self)
    }
}
