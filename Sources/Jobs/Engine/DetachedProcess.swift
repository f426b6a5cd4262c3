import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a process that outlives its parent: a new session (`setsid`, so the terminal's Ctrl-C and
/// hang-up never reach it), stdin from /dev/null, stdout and stderr appended to a log file. Used to
/// run a job's engine in its own `mlopslab` process, as Azure runs a job away from the CLI.
public enum DetachedProcess {
    /// glibc's `POSIX_SPAWN_SETSID` (2.26+), not exported to Swift.
    static let spawnSetSid: Int32 = 0x80

    /// Starts `executable` with `arguments` and returns its pid. A background thread reaps it when it
    /// ends, so a long-lived parent (the REPL) never keeps a zombie.
    public static func start(executable: String, arguments: [String], environment: [String: String], log: URL) throws -> Int32 {
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSid | Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw JobsError.sandbox(path: executable, reason: "cannot start the job runner: \(String(cString: strerror(status)))")
        }
        let child = pid
        Thread.detachNewThread {
            var exitStatus: Int32 = 0
            while waitpid(child, &exitStatus, 0) == -1, errno == EINTR {}
        }
        return child
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// A detached child must not hold the caller's other descriptors (a pipe the caller's caller reads to
    /// its end, or Foundation's exit-detection socket, would otherwise stay open until the child ends):
    /// glibc's `addclosefrom_np` (2.34+), looked up at run time, else one close action per descriptor open now.
    public static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
            if addCloseFrom(&actions, 3) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
}
