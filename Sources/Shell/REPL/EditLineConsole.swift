import CEditLine
import CLICore
import Foundation

/// A console on a terminal with libedit: line editing, persistent history and Tab completion.
///
/// Ctrl-C while typing cancels the line (`.interrupted`); Ctrl-D on an empty line ends input.
final class EditLineConsole: Console {
    let isInteractive = true
    let colorEnabled: Bool
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    /// Builds the completer on the first Tab: reading the command table costs more than the rest
    /// of start-up, and many sessions never press Tab.
    private let makeCompleter: () -> Completer
    private lazy var completer: Completer = makeCompleter()
    private var promptBuffer: UnsafeMutablePointer<CChar>?

    /// - Parameters:
    ///   - historyURL: where history is loaded from and saved to (inside the state home).
    ///   - completer: makes the completer for Tab (called once, at the first Tab).
    init?(historyURL: URL?, completer: @escaping () -> Completer, colorEnabled: Bool) {
        guard let editor = ceditline_init("mlopslab"), let history = ceditline_history_init(1000) else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyURL?.path
        self.makeCompleter = completer
        self.colorEnabled = colorEnabled
        ceditline_set_editor(editor, "emacs")
        ceditline_set_history(editor, history)
        ceditline_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        ceditline_set_prompt(editor) { el in
            guard let el, let raw = ceditline_get_clientdata(el) else { return nil }
            return Unmanaged<EditLineConsole>.fromOpaque(raw).takeUnretainedValue().promptBuffer
        }
        ceditline_add_command(editor, "mlopslab-complete", "Complete the word", { el, _ in
            guard let el, let raw = ceditline_get_clientdata(el) else { return UInt8(ceditline_cc_refresh_beep()) }
            return Unmanaged<EditLineConsole>.fromOpaque(raw).takeUnretainedValue().complete()
        })
        ceditline_bind(editor, "^I", "mlopslab-complete")
        ceditline_source(editor)
        if let historyPath { ceditline_history_load(history, historyPath) }
        ceditline_install_sigint()
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(promptBuffer)
    }

    func readLine(prompt: String) -> LineInput {
        read(prompt: prompt, deadline: nil) ?? .endOfInput
    }

    /// Reads with an alarm set for `deadline`: it interrupts el_gets the way Ctrl-C does.
    func readLine(prompt: String, until deadline: Date) -> LineInput? {
        read(prompt: prompt, deadline: deadline)
    }

    private func read(prompt: String, deadline: Date?) -> LineInput? {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        _ = ceditline_take_interrupt()
        _ = ceditline_take_alarm()
        if let deadline {
            let milliseconds = deadline.timeIntervalSinceNow * 1000
            guard milliseconds > 0 else { return nil }
            ceditline_arm_alarm(Int(min(milliseconds.rounded(.up), Double(Int32.max))))
        }
        var count: Int32 = 0
        let got = el_gets(editor, &count)
        if deadline != nil { ceditline_disarm_alarm() }
        guard let raw = got else {
            if ceditline_take_alarm() != 0 {
                write("\n")
                return nil
            }
            if ceditline_take_interrupt() != 0 {
                write("^C\n")
                return .interrupted
            }
            write("\n")
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            ceditline_history_enter(history, line)
            if let historyPath { ceditline_history_save(history, historyPath) }
        }
        return .line(line)
    }

    func write(_ text: String) { FileDescriptorWriter.write(text, to: STDOUT_FILENO) }
    func writeError(_ text: String) { FileDescriptorWriter.write(text, to: STDERR_FILENO) }

    /// Tab: complete the word under the cursor from the whole line before it.
    private func complete() -> UInt8 {
        guard let info = el_line(editor)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return UInt8(ceditline_cc_refresh_beep())
        }
        let length = start.distance(to: cursor)
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: max(length, 0))
        let before = String(decoding: bytes, as: UTF8.self)
        let result = completer.complete(lineBeforeCursor: before)
        switch result.candidates.count {
        case 0:
            return UInt8(ceditline_cc_refresh_beep())
        case 1:
            el_insertstr(editor, result.insertion + " ")
            return UInt8(ceditline_cc_refresh())
        default:
            if !result.insertion.isEmpty {
                el_insertstr(editor, result.insertion)
                return UInt8(ceditline_cc_refresh())
            }
            write("\n" + Completer.columns(result.candidates) + "\n")
            return UInt8(ceditline_cc_redisplay())
        }
    }
}
