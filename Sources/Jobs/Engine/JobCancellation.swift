import Foundation

/// A cancel request shared between the thread running a job and whoever cancels it.
/// Another process cancels by writing the job's `system_logs/cancel_requested` marker instead.
public final class JobCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var why: String?

    public init() {}

    /// Asks every job using this token to stop; `reason` becomes the canceled jobs' error message.
    public func cancel(reason: String? = nil) {
        lock.lock()
        if !requested { why = reason }
        requested = true
        lock.unlock()
    }

    /// Why the jobs were canceled, when the canceller said.
    public var reason: String? {
        lock.lock()
        defer { lock.unlock() }
        return why
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}

/// Follows a growing log file, returning complete new text (whole UTF-8 lines) on each poll.
final class LogTailer {
    private let file: URL
    private var offset: UInt64 = 0
    private var pending = Data()

    init(file: URL) { self.file = file }

    /// New complete lines since the last call (or everything left when `flush`).
    func read(flush: Bool = false) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.readToEnd() ?? Data()
            offset += UInt64(data.count)
            pending.append(data)
        } catch {
            return nil
        }
        if flush {
            defer { pending.removeAll() }
            return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
        }
        guard let lastNewline = pending.lastIndex(of: 0x0A) else { return nil }
        let complete = pending[pending.startIndex...lastNewline]
        pending = Data(pending[(lastNewline + 1)...])
        return String(decoding: complete, as: UTF8.self)
    }
}
