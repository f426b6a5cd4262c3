import Foundation

/// Result of asking the learner for one line.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the current line or question is cancelled.
    case interrupted
    /// End of input (Ctrl-D, or the end of a piped script).
    case endOfInput
}

/// Where a command reads lines from and writes text to.
///
/// The REPL passes the same console to the commands it runs, so a scripted session
/// (`mlopslab < session.txt`) feeds a practice drill's answers from the lines after the command.
public protocol Console: AnyObject {
    /// Reads one line, showing `prompt` only when the input is a terminal.
    func readLine(prompt: String) -> LineInput
    /// Writes text as is (no newline added).
    func write(_ text: String)
    /// Writes to the error stream.
    func writeError(_ text: String)
    /// Whether input comes from a person at a terminal (prompts and colour make sense).
    var isInteractive: Bool { get }
    /// Whether output may carry ANSI colour.
    var colorEnabled: Bool { get }
}

extension Console {
    /// Writes `text` followed by a newline.
    public func line(_ text: String = "") { write(text + "\n") }
}

/// A console over file descriptors 0, 1 and 2 without line editing (pipes, files, one-shot commands).
public final class StandardConsole: Console {
    public let isInteractive: Bool
    public let colorEnabled: Bool
    private var reader = FileDescriptorLineReader(fd: STDIN_FILENO)

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.isInteractive = isatty(STDIN_FILENO) == 1
        self.colorEnabled = ColorPolicy.enabled(environment: environment, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    public func readLine(prompt: String) -> LineInput {
        if isInteractive, !prompt.isEmpty { write(prompt) }
        guard let line = reader.next() else { return .endOfInput }
        return .line(line)
    }

    public func write(_ text: String) { FileDescriptorWriter.write(text, to: STDOUT_FILENO) }
    public func writeError(_ text: String) { FileDescriptorWriter.write(text, to: STDERR_FILENO) }
}

/// Decides whether to colour output: `NO_COLOR` wins, then `FORCE_COLOR`, then "is stdout a terminal".
public enum ColorPolicy {
    public static func enabled(environment: [String: String], stdoutIsTerminal: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        return stdoutIsTerminal && environment["TERM"] != "dumb"
    }
}

/// Unbuffered writes to a file descriptor, retried on partial writes and EINTR.
public enum FileDescriptorWriter {
    public static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, buf.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
        bytes.removeAll()
    }
}

/// Reads lines from a file descriptor without Foundation's buffering, so a child command and the
/// REPL can share stdin without one swallowing the other's lines.
public struct FileDescriptorLineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    public init(fd: Int32) { self.fd = fd }

    /// The next line without its `\n` (and a trailing `\r`), or nil at end of input.
    public mutating func next() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                var lineBytes = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                if lineBytes.last == 13 { lineBytes.removeLast() }
                return String(decoding: lineBytes, as: UTF8.self)
            }
            if atEnd {
                if buffer.isEmpty { return nil }
                let rest = buffer
                buffer.removeAll()
                return String(decoding: rest, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]) } else if n < 0 && errno == EINTR { continue } else { atEnd = true }
        }
    }
}
