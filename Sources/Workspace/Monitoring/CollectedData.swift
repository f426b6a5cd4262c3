import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The collected production data layout shared with the serving side (see docs/monitoring.md):
/// `<home>/collected/<workspace>/<endpoint>/<deployment>/<model_inputs|model_outputs>/<yyyy>/<MM>/<dd>/<HH>/data.jsonl`
/// and `<home>/collected/<workspace>/<endpoint>/labels/<yyyy>/<MM>/<dd>/<HH>/data.jsonl`, one JSON object per line:
/// `{"correlationid": ..., "time": <ISO 8601 UTC>, "data": {<column>: <value>}}`, hours on the simulated clock, UTC.
public struct CollectedData: Sendable {
    /// One collected row.
    public struct Row: Sendable, Equatable {
        public var correlationId: String
        public var time: Date
        public var data: [String: JSONValue]
        public init(correlationId: String, time: Date, data: [String: JSONValue]) {
            self.correlationId = correlationId
            self.time = time
            self.data = data
        }
    }

    let root: URL

    public init(home: URL, workspace: String, endpoint: String) {
        root = home.appendingPathComponent("collected/\(workspace)/\(endpoint)", isDirectory: true)
    }

    /// `model_inputs` / `model_outputs` of a deployment, or `labels` (deployment nil).
    func folder(deployment: String?, collection: String) -> URL {
        deployment.map { root.appendingPathComponent("\($0)/\(collection)") } ?? root.appendingPathComponent("labels")
    }

    static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    static func hourPath(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour], from: date)
        return String(format: "%04d/%02d/%02d/%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0)
    }

    /// Rows with `start <= time < end`, read hour folder by hour folder.
    public func read(deployment: String?, collection: String, from start: Date, to end: Date) throws -> [Row] {
        let base = folder(deployment: deployment, collection: collection)
        var rows: [Row] = []
        var hour = CollectedData.utcCalendar.dateInterval(of: .hour, for: start)?.start ?? start
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plainISO = ISO8601DateFormatter()
        while hour < end {
            let file = base.appendingPathComponent(CollectedData.hourPath(hour)).appendingPathComponent("data.jsonl")
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                for (index, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
                    guard let value = JSONValue.parse(String(line)), let timeText = value["time"]?.stringValue,
                          let time = CollectedData.parseTime(timeText) ?? iso.date(from: timeText) ?? plainISO.date(from: timeText), let data = value["data"]?.objectValue else {
                        throw WorkspaceError.failed("\(file.path):\(index + 1): not a collected-data line ({\"correlationid\", \"time\", \"data\": {...}})")
                    }
                    if time >= start && time < end {
                        rows.append(Row(correlationId: value["correlationid"]?.stringValue ?? "", time: time, data: data))
                    }
                }
            }
            hour = hour.addingTimeInterval(3600)
        }
        return rows
    }

    /// Appends without syncing to disk (Foundation's file writes fsync every file, which made
    /// thirty simulated days take seconds of disk waits).
    static func appendBytes(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw WorkspaceError.failed("cannot write collected data \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw WorkspaceError.failed("cannot write collected data \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// A random correlation id shaped like a UUID (without opening /dev/urandom per id).
    static func correlationId(_ rng: inout SystemRandomNumberGenerator) -> String {
        let a = rng.next(), b = rng.next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let chars = Array(hex)
        return "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }

    /// Fast parser for `yyyy-MM-ddTHH:mm:ss[.ffffff]` followed by `Z` or `+00:00` (what the collectors and
    /// `SimulatedClock.isoString` write); nil for anything else.
    public static func parseTime(_ text: String) -> Date? {
        var b = Array(text.utf8)
        if b.count >= 25, b.suffix(6).elementsEqual("+00:00".utf8) { b.removeLast(6); b.append(90) }
        guard b.count >= 20, b.last == 90, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var fraction = 0.0
        if b[19] == 46 {
            var scale = 0.1
            for i in 20..<(b.count - 1) {
                let digit = Int(b[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                fraction += Double(digit) * scale
                scale /= 10
            }
        } else if b.count != 20 { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Date(timeIntervalSince1970: Double(days * 86400 + h * 3600 + mi * 60 + s) + fraction)
    }

    /// Appends rows to their hour files (used by `mlopslab traffic` and tests).
    public func append(_ rows: [Row], deployment: String?, collection: String) throws {
        let base = folder(deployment: deployment, collection: collection)
        var byHour: [String: String] = [:]
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for row in rows {
            let line: JSONValue = ["correlationid": .string(row.correlationId), "time": .string(iso.string(from: row.time)), "data": .object(row.data)]
            byHour[CollectedData.hourPath(row.time), default: ""] += line.compact() + "\n"
        }
        for (hour, text) in byHour {
            let file = base.appendingPathComponent(hour).appendingPathComponent("data.jsonl")
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw WorkspaceError.failed("cannot write collected data \(file.path): \(error.localizedDescription)")
            }
            try CollectedData.appendBytes(Array(text.utf8), to: file.path)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
