#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes tables as RFC 4180 CSV: a header line, LF line ends, fields quoted only when they hold the
/// delimiter, a quote, CR or LF; missing values as empty fields; numbers as `Column.format` writes them.
public enum CSVWriter {
    /// The CSV bytes of `table`.
    public static func render(_ table: Table, delimiter: UInt8 = 44) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(table.rowCount * table.columnCount * 8 + 64)
        for (i, name) in table.columnNames.enumerated() {
            if i > 0 { out.append(delimiter) }
            appendQuoted(Array(name.utf8), delimiter: delimiter, to: &out)
        }
        out.append(10)
        let renderers = table.columns.map { ColumnRenderer($0, delimiter: delimiter) }
        let chunks = Parallel.ranges(table.rowCount, parts: table.rowCount >= 20_000 ? Parallel.workerCount : 1)
        let parts = Parallel.map(chunks.count) { k -> [UInt8] in
            var part: [UInt8] = []
            part.reserveCapacity(chunks[k].count * renderers.count * 8)
            for row in chunks[k] {
                for (c, renderer) in renderers.enumerated() {
                    if c > 0 { part.append(delimiter) }
                    renderer.append(row: row, to: &part)
                }
                part.append(10)
            }
            return part
        }
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// The CSV text of `table`.
    public static func string(_ table: Table) -> String {
        String(decoding: render(table), as: UTF8.self)
    }

    /// Writes `table` to `path`, replacing the file.
    public static func write(_ table: Table, to path: String) throws {
        let bytes = render(table)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CSVError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return writeFile(fd, base + offset, raw.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else {
                throw CSVError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    static func appendQuoted(_ bytes: [UInt8], delimiter: UInt8, to out: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { out.append(contentsOf: bytes); return }
        out.append(34)
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}

/// Pre-renders what can be pre-rendered for one column (category texts, boolean words).
private struct ColumnRenderer {
    let values: ColumnValues
    let levelBytes: [[UInt8]]

    init(_ column: Column, delimiter: UInt8) {
        values = column.values
        if case .categorical(let c) = column.values {
            levelBytes = c.levels.map { level in
                var out: [UInt8] = []
                CSVWriter.appendQuoted(Array(level.utf8), delimiter: delimiter, to: &out)
                return out
            }
        } else {
            levelBytes = []
        }
    }

    func append(row: Int, to out: inout [UInt8]) {
        switch values {
        case .numeric(let v):
            let x = v[row]
            if !x.isNaN { out.append(contentsOf: Column.format(x).utf8) }
        case .categorical(let c):
            let code = Int(c.codes[row])
            if code >= 0, code < levelBytes.count { out.append(contentsOf: levelBytes[code]) }
        case .boolean(let b):
            if let flag = b[row] { out.append(contentsOf: (flag ? "true" : "false").utf8) }
        }
    }
}

/// The C library's `read`, named so methods called `read` do not shadow it.
func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The C library's `write`, named so methods called `write` do not shadow it.
func writeFile(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
