import Foundation
import Jobs
import Workspace

/// Starts, finds, reloads and stops the background scoring host of a state home. The host is a
/// detached `mlopslab serve run` process (its own session, so it outlives the command that started it).
public enum HostLauncher {
    /// The host record when its process is alive and answering.
    public static func running(home: URL) -> ServingHostRecord? {
        guard let record = ServingAddress.record(home: home), record.pid > 0, kill(record.pid, 0) == 0 else { return nil }
        guard let url = URL(string: "http://127.0.0.1:\(record.port)/-/status"),
              let reply = LoopbackClient.send(url, timeout: 2), reply.status == 200,
              JSONValue.parse(reply.body)?["pid"]?.intValue == Int64(record.pid) else { return nil }
        return record
    }

    /// The executable that hosts: `MLOPSLAB_SERVE_EXECUTABLE` when set (tests, whose own process is
    /// the test bundle), else this program.
    static func executable() -> String {
        if let explicit = ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_EXECUTABLE"], !explicit.isEmpty { return explicit }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "mlopslab"
    }

    /// Returns the running host, starting one (and waiting until it answers) when none runs.
    @discardableResult
    public static func ensureRunning(home: URL) throws -> ServingHostRecord {
        if let record = running(home: home) { return record }
        let previous = ServingAddress.record(home: home)
        try FileManager.default.createDirectory(at: ServingAddress.folder(home: home), withIntermediateDirectories: true)
        let logPath = ServingAddress.folder(home: home).appendingPathComponent("host.log").path
        let pid = try spawn(arguments: [executable(), "serve", "run"], environment: ["MLOPSLAB_HOME": home.path], logPath: logPath)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let record = ServingAddress.record(home: home), record.pid == pid, record != previous, let live = running(home: home) { return live }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw WorkspaceError.failed("The scoring host exited at start-up (status \(status)). \(log.split(separator: "\n").suffix(5).joined(separator: " "))")
            }
            usleep(20_000)
        }
        throw WorkspaceError.failed("The scoring host did not start within 20 s; see \(logPath).")
    }

    /// Asks a running host to re-read the state (new deployments, traffic, keys); starts one if needed.
    public static func reload(home: URL) throws {
        let record = try ensureRunning(home: home)
        guard let url = URL(string: "http://127.0.0.1:\(record.port)/-/reload"),
              let reply = LoopbackClient.send(url, method: "POST"), reply.status == 200 else {
            throw WorkspaceError.failed("The scoring host did not reload its endpoints; run `mlopslab serve stop` then retry.")
        }
    }

    /// Reloads only when a host already runs (used by commands that should not start one).
    public static func reloadIfRunning(home: URL) {
        guard let record = running(home: home), let url = URL(string: "http://127.0.0.1:\(record.port)/-/reload") else { return }
        _ = LoopbackClient.send(url, method: "POST")
    }

    /// Makes a running host write its queued request log lines now (before `get-logs` reads them).
    public static func flushLogsIfRunning(home: URL) {
        guard let record = ServingAddress.record(home: home), record.pid > 0, kill(record.pid, 0) == 0,
              let url = URL(string: "http://127.0.0.1:\(record.port)/-/flush-logs") else { return }
        _ = LoopbackClient.send(url, method: "POST", timeout: 2)
    }

    /// Stops the host (SIGTERM, then SIGKILL after 5 s); returns the pid that was stopped.
    @discardableResult
    public static func stop(home: URL) -> Int32? {
        guard let record = ServingAddress.record(home: home), record.pid > 0, kill(record.pid, 0) == 0 else { return nil }
        kill(record.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, ChildProcess.isAlive(record.pid) {
            var status: Int32 = 0
            _ = waitpid(record.pid, &status, WNOHANG)
            usleep(20_000)
        }
        if ChildProcess.isAlive(record.pid) { kill(record.pid, SIGKILL) }
        return record.pid
    }

    /// posix_spawn in a new session with stdin from /dev/null and output to `logPath`.
    static func spawn(arguments: [String], environment extra: [String: String], logPath: String) throws -> pid_t {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        DetachedProcess.closeInheritedDescriptors(&actions)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments.first ?? "", &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw WorkspaceError.failed("Could not start the scoring host \(arguments.first ?? ""): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
