import Foundation
import Workspace

/// Runs a scoring script under the Azure ML contract (`init()` once, `run(raw_data)` per request with
/// the body as a JSON string) in a python3 child process that stays up for the deployment's life.
public final class PythonScoringWorker: @unchecked Sendable {
    private let process: Process
    private let input: FileHandle
    private let reader: LineReader
    private let lock = NSLock()
    /// The worker's own thread: `run()` blocks on the pipe there, never on an event loop or the Swift concurrency pool.
    private let queue = DispatchQueue(label: "azmlinfsrv.python-worker")

    static let harness = #"""
import importlib.util, json, os, sys, traceback
code_dir, script, mode = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, code_dir)
spec = importlib.util.spec_from_file_location("score", os.path.join(code_dir, script))
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
if not hasattr(module, "init") or not hasattr(module, "run"):
    raise AttributeError("The scoring script must define init() and run(raw_data)")
module.init()
if mode == "check":
    sys.exit(0)
out = sys.stdout
sys.stdout = sys.stderr
out.write("READY\n"); out.flush()
for line in sys.stdin:
    try:
        result = module.run(json.loads(line))
        reply = {"ok": True, "body": json.dumps(result)}
    except Exception:
        reply = {"ok": False, "error": traceback.format_exc().strip().splitlines()[-1]}
    out.write(json.dumps(reply) + "\n"); out.flush()
"""#

    /// The python3 on PATH, if any.
    static func python() -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func harnessURL(codeFolder: URL) throws -> URL {
        let url = codeFolder.deletingLastPathComponent().appendingPathComponent("azmlinfsrv_harness.py")
        try Data(harness.utf8).write(to: url)
        return url
    }

    static func environment(modelFolder: URL) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["AZUREML_MODEL_DIR"] = modelFolder.path
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env
    }

    /// Runs `init()` once (provisioning): a missing package, a syntax error or an exception fails it with the traceback's last line.
    static func checkInit(codeFolder: URL, script: String, modelFolder: URL, log: (String) -> Void) throws {
        guard let python = python() else { throw WorkspaceError.notSimulated("scoring scripts without python3 on this machine (install python3, or deploy an MLflow model)") }
        log("Found user script at /var/azureml-app/code/\(script)")
        log("run() is not decorated. Server will invoke it with the input in JSON string.")
        log("Invoking user's init function")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try harnessURL(codeFolder: codeFolder).path, codeFolder.path, script, "check"]
        process.environment = environment(modelFolder: modelFolder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            // Paths as the container shows them: the deployment folder plays /var/azureml-app.
            let local = codeFolder.deletingLastPathComponent().path
            let lines = text.split(separator: "\n").map { String($0).replacingOccurrences(of: local, with: "/var/azureml-app") }
            for traceback in lines.suffix(12) { log(traceback) }
            throw WorkspaceError.failed(lines.last ?? "init() exited with status \(process.terminationStatus)")
        }
        log("Users's init has completed successfully")
    }

    /// Starts the long-running worker (init() runs again, as in each container start).
    public init(codeFolder: URL, script: String, modelFolder: URL) throws {
        guard let python = PythonScoringWorker.python() else { throw WorkspaceError.notSimulated("scoring scripts without python3 on this machine") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try PythonScoringWorker.harnessURL(codeFolder: codeFolder).path, codeFolder.path, script, "serve"]
        process.environment = PythonScoringWorker.environment(modelFolder: modelFolder)
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        input = stdinPipe.fileHandleForWriting
        reader = LineReader(handle: stdoutPipe.fileHandleForReading)
        guard reader.next() == "READY" else {
            process.terminate()
            throw WorkspaceError.failed("the scoring script's init() failed when the worker started")
        }
    }

    /// Calls `run(raw_data)`: the body of a 200, or a ScoringError 424 with the exception's last line.
    public func run(_ raw: String) throws(ScoringError) -> String {
        lock.lock()
        defer { lock.unlock() }
        let line = JSONValue.quote(raw) + "\n"
        do { try input.write(contentsOf: Data(line.utf8)) } catch {
            throw ScoringError(status: 502, code: "WORKER_DOWN", message: "The scoring worker is not running.")
        }
        guard let replyText = reader.next(), let reply = JSONValue.parse(replyText) else {
            throw ScoringError(status: 502, code: "WORKER_DOWN", message: "The scoring worker stopped while handling the request.")
        }
        if reply["ok"] == .bool(true), let body = reply["body"]?.stringValue { return body }
        throw ScoringError(status: 424, code: "MODEL_ERROR", message: "An unexpected error occurred in scoring script. Check the logs for more info. (\(reply["error"]?.stringValue ?? "run() raised"))")
    }

    /// What became of a request handed to the worker.
    public enum Outcome: Sendable {
        case answered(Result<String, ScoringError>)
        /// `run()` did not answer within the deployment's `request_timeout_ms` (it is still running).
        case timedOut
    }

    /// Calls `run(raw_data)` on the worker's own thread and waits at most `timeoutMs`; `whenDone` runs once
    /// `run()` really returned (also after a timeout), so the caller can hold its in-flight slot until then.
    public func run(_ raw: String, timeoutMs: Int, whenDone: @escaping @Sendable () -> Void) async -> Outcome {
        let gate = ResumeOnce<Outcome>()
        return await withCheckedContinuation { continuation in
            gate.set(continuation)
            queue.async {
                let result: Result<String, ScoringError>
                do throws(ScoringError) { result = .success(try self.run(raw)) } catch { result = .failure(error) }
                gate.resume(.answered(result))
                whenDone()
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(max(1, timeoutMs))) { gate.resume(.timedOut) }
        }
    }

    /// Stops the child process.
    public func stop() {
        if process.isRunning { process.terminate() }
    }

    deinit { stop() }
}

/// Resumes a continuation once, with whichever value comes first.
final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: Value) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: value)
    }
}

/// Reads newline-terminated lines from a pipe.
final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) { self.handle = handle }

    func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(contentsOf: chunk)
        }
    }
}
