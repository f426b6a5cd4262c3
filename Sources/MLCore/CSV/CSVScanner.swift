/// One field of a record: a byte range of the file.
struct CSVField {
    var start: Int
    var end: Int
    /// The field contains doubled quotes that must be unescaped.
    var escaped: Bool
}

/// Errors found while scanning, with the line relative to the start of the scanned range.
enum CSVScanError: Error {
    case unterminatedQuote(relativeLine: Int)
    case textAfterQuote(relativeLine: Int)
}

/// Splits bytes into RFC 4180 records: delimiter-separated fields, fields in double quotes may hold
/// delimiters, newlines and doubled quotes, records end at LF, CRLF or CR. Blank lines are skipped.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    let delimiter: UInt8
    var position: Int
    /// Newlines passed so far (relative to the start position).
    var line: Int = 0
    /// Relative line where the last record returned by `next` started.
    var recordLine: Int = 0

    init(base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8) {
        self.base = base
        self.position = start
        self.end = end
        self.delimiter = delimiter
    }

    /// Reads the next record's fields into `fields`; false at the end of the range.
    mutating func next(into fields: inout [CSVField]) throws(CSVScanError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        while position < end {
            let c = base[position]
            if c == 10 { line += 1; position += 1 } else if c == 13 {
                position += 1
                if position < end, base[position] == 10 { position += 1 }
                line += 1
            } else { break }
        }
        if position >= end { return false }
        recordLine = line
        let delimiter = self.delimiter
        while true {
            if position >= end {
                fields.append(CSVField(start: end, end: end, escaped: false))
                return true
            }
            if base[position] == 34 {
                position += 1
                let fieldStart = position
                var escaped = false
                var closed = false
                while position < end {
                    let c = base[position]
                    if c == 34 {
                        if position + 1 < end, base[position + 1] == 34 {
                            escaped = true
                            position += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == 10 { line += 1 } else if c == 13, !(position + 1 < end && base[position + 1] == 10) { line += 1 }
                    position += 1
                }
                guard closed else { throw .unterminatedQuote(relativeLine: recordLine) }
                fields.append(CSVField(start: fieldStart, end: position, escaped: escaped))
                position += 1
                if position >= end { return true }
                let c = base[position]
                if c == delimiter { position += 1; continue }
                if c == 10 { position += 1; line += 1; return true }
                if c == 13 {
                    position += 1
                    if position < end, base[position] == 10 { position += 1 }
                    line += 1
                    return true
                }
                throw .textAfterQuote(relativeLine: line)
            }
            let fieldStart = position
            while position < end {
                let c = base[position]
                if c == delimiter || c == 10 || c == 13 { break }
                position += 1
            }
            fields.append(CSVField(start: fieldStart, end: position, escaped: false))
            if position >= end { return true }
            let c = base[position]
            if c == delimiter { position += 1; continue }
            position += 1
            if c == 13, position < end, base[position] == 10 { position += 1 }
            line += 1
            return true
        }
    }

    /// The text of a field, with doubled quotes unescaped.
    func text(of field: CSVField) -> String {
        let buffer = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        let raw = String(decoding: buffer, as: UTF8.self)
        return field.escaped ? raw.replacing("\"\"", with: "\"") : raw
    }
}
