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
    /// Like `readLine(prompt:)`, but stops waiting at `deadline`: nil when it passes before a
    /// whole line arrives (what was typed so far is dropped).
    func readLine(prompt: String, until deadline: Date) -> LineInput?
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

    /// Consoles that cannot stop waiting (test doubles) read without a deadline.
    public func readLine(prompt: String, until deadline: Date) -> LineInput? { readLine(prompt: prompt) }

    /// Asks a question the learner must answer (`Submit? (y/n)`, an area to rate): on a terminal
    /// it is the prompt; otherwise it is printed as a line first, so a scripted session's
    /// transcript shows what each answer replied to.
    public func ask(_ question: String) -> LineInput {
        if !isInteractive { line(question.trimmingCharacters(in: .whitespaces)) }
        return readLine(prompt: question)
    }

    /// `ask(_:)` that stops waiting at `deadline` (nil then).
    public func ask(_ question: String, until deadline: Date) -> LineInput? {
        if !isInteractive { line(question.trimmingCharacters(in: .whitespaces)) }
        return readLine(prompt: question, until: deadline)
    }
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

    public func readLine(prompt: String, until deadline: Date) -> LineInput? {
        if isInteractive, !prompt.isEmpty { write(prompt) }
        switch reader.next(until: deadline) {
        case .line(let line): return .line(line)
        case .endOfInput: return .endOfInput
        case .timedOut: return nil
        }
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

    /// What a read with a deadline got.
    public enum Outcome: Equatable {
        case line(String)
        case endOfInput
        case timedOut
    }

    /// The next line without its `\n` (and a trailing `\r`), or nil at end of input.
    public mutating func next() -> String? {
        while true {
            if let line = takeLine() { return line }
            if atEnd { return takeRest() }
            fill()
        }
    }

    /// The next line, or `.timedOut` when `deadline` passes before a whole line is there (a partial
    /// line stays buffered for the next read).
    public mutating func next(until deadline: Date) -> Outcome {
        while true {
            if let line = takeLine() { return .line(line) }
            if atEnd { return takeRest().map(Outcome.line) ?? .endOfInput }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up))
            let ready = poll(&poller, 1, milliseconds)
            if ready == 0 { continue }
            if ready < 0 && errno == EINTR { continue }
            fill()
        }
    }

    private mutating func takeLine() -> String? {
        guard let nl = buffer.firstIndex(of: 10) else { return nil }
        var lineBytes = Array(buffer[..<nl])
        buffer.removeSubrange(...nl)
        if lineBytes.last == 13 { lineBytes.removeLast() }
        return String(decoding: lineBytes, as: UTF8.self)
    }

    private mutating func takeRest() -> String? {
        if buffer.isEmpty { return nil }
        let rest = buffer
        buffer.removeAll()
        return String(decoding: rest, as: UTF8.self)
    }

    /// One read(2) into the buffer; end of input (or an error other than EINTR) sets `atEnd`.
    private mutating func fill() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        if n > 0 { buffer.append(contentsOf: chunk[0..<n]) } else if n < 0 && errno == EINTR { return } else { atEnd = true }
    }
}
