#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How a child process ended.
public enum ProcessTermination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)

    /// The shell-style status (`128 + signal` for a signal).
    public var statusCode: Int32 {
        switch self {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }
}

/// A process started in its own process group, so the whole tree can be stopped at once.
public struct ChildProcess: Sendable {
    /// The process id, which is also its process group id.
    public let pid: Int32

    /// Starts `executable` with `arguments` in `workingDirectory`, stdin from /dev/null and stdout+stderr
    /// appended to `logFile`.
    public static func spawn(executable: String, arguments: [String], environment: [String: String],
                             workingDirectory: URL, logFile: URL) throws -> ChildProcess {
        let logDescriptor = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard logDescriptor >= 0 else {
            throw JobsError.sandbox(path: logFile.path, reason: String(cString: strerror(errno)))
        }
        defer { close(logDescriptor) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, logDescriptor, 2)
        var arguments = arguments
        if let addChdir = Self.addChdir {
            _ = addChdir(&actions, workingDirectory.path)
        } else if executable == "/bin/sh", arguments.first == "-c", arguments.count >= 2 {
            arguments[1] = "cd \(ShellQuoting.quoteIfNeeded(workingDirectory.path)) || exit 125\n" + arguments[1]
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw JobsError.sandbox(path: workingDirectory.path, reason: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid)
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), looked up at run time because the
    /// Swift Glibc module does not export it.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// The exit status when the process has ended, nil while it runs (never blocks).
    public func poll() -> ProcessTermination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else {
            if result < 0, errno == ECHILD { return .exited(-1) }
            return nil
        }
        return Self.decode(status)
    }

    /// Blocks until the process ends.
    public func wait() -> ProcessTermination {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { return Self.decode(status) }
            if result < 0, errno != EINTR { return .exited(-1) }
        }
    }

    /// Sends `signal` to the whole process group.
    public func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    static func decode(_ status: Int32) -> ProcessTermination {
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signaled(signal)
    }

    /// Whether a process with this id exists (signal 0 probe).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return !isZombie(pid) }
        return errno == EPERM
    }

    /// A zombie has ended but was not reaped yet; it counts as gone.
    static func isZombie(_ pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return false }
        let rest = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
        return rest.hasPrefix("Z")
    }

    /// Stops a process group that this process did not start (for cancel and recovery).
    public static func terminateGroup(_ pgid: Int32) {
        guard pgid > 0 else { return }
        _ = kill(-pgid, SIGTERM)
        _ = kill(-pgid, SIGKILL)
    }

    /// The current process id.
    public static var currentPid: Int32 { getpid() }
}
