#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable buffer of doubles without per-append uniqueness checks; owned by one worker.
final class DoubleBuffer {
    private(set) var pointer: UnsafeMutablePointer<Double>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        pointer = UnsafeMutablePointer<Double>.allocate(capacity: self.capacity)
    }

    /// Takes ownership of an allocated pointer holding `count` values.
    init(adopting pointer: UnsafeMutablePointer<Double>, count: Int, capacity: Int) {
        self.pointer = pointer
        self.count = count
        self.capacity = capacity
    }

    deinit { pointer.deallocate() }

    @inline(__always)
    func append(_ value: Double) {
        if count == capacity { grow() }
        pointer[count] = value
        count += 1
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Double>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = bigger
        capacity *= 2
    }

    var array: [Double] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

extension ChunkPass {
    /// Whether a byte range holds a double quote.
    static func containsQuote(_ buffer: SharedBuffer<UInt8>, range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        return memchr(buffer.base + range.lowerBound, 34, range.count) != nil
    }

    /// The numeric pass for a chunk without quotes: scans and parses each field in one sweep, with no
    /// intermediate field list. Same results as `numeric` on such input. Every byte that is not part of a
    /// parsed number is looked at, so a double quote is always noticed (unless a failure comes first):
    /// the result then has `needsQuotedParse` set and the caller uses the general pass instead.
    static func numericUnquoted(_ buffer: SharedBuffer<UInt8>, range: Range<Int>, columns: Int, candidates: [Bool],
                                delimiter: UInt8, missing: Set<String>) -> NumericResult {
        let b = buffer.base
        let end = range.upperBound
        var p = range.lowerBound
        var line = 0
        var numeric = candidates
        let estimatedRows = max(16, range.count / max(1, columns * 8))
        // Plain per-column storage (pointer, count, capacity) on the hot path; wrapped in DoubleBuffers at the end.
        let stores = UnsafeMutablePointer<ColumnStore>.allocate(capacity: columns)
        for c in 0..<columns { stores[c] = ColumnStore(capacity: numeric[c] ? estimatedRows : 16) }
        defer { stores.deallocate() }
        func release() { for c in 0..<columns { stores[c].pointer.deallocate() } }
        var firstBad = [(line: Int, text: String)?](repeating: nil, count: columns)
        var rowLines: [Int] = []
        rowLines.reserveCapacity(estimatedRows)
        func fail(_ failure: Failure) -> NumericResult {
            release()
            return NumericResult(numbers: [], buffers: nil, numeric: numeric, firstNonNumeric: firstBad, rowLines: [], newlines: line, failure: failure)
        }
        func quoted() -> NumericResult {
            release()
            var result = NumericResult(numbers: [], buffers: nil, numeric: numeric, firstNonNumeric: firstBad, rowLines: [],
                                       newlines: line, failure: nil)
            result.needsQuotedParse = true
            return result
        }
        while p < end {
            let first = b[p]
            if first == 10 { line += 1; p += 1; continue }
            if first == 13 {
                p += 1
                if p < end, b[p] == 10 { p += 1 }
                line += 1
                continue
            }
            let recordLine = line
            rowLines.append(recordLine)
            for c in 0..<columns {
                let fieldStart = p
                if numeric[c] {
                    if let (value, next) = FastFloatParser.parseDecimal(b, from: p, limit: end),
                       next == end || b[next] == delimiter || b[next] == 10 || b[next] == 13 {
                        stores[c].append(value)
                        p = next
                    } else {
                        while p < end, b[p] != delimiter, b[p] != 10, b[p] != 13 {
                            if b[p] == 34 { return quoted() }
                            p += 1
                        }
                        if let value = FastFloatParser.parse(b + fieldStart, count: p - fieldStart) {
                            stores[c].append(value)
                        } else {
                            let text = String(decoding: UnsafeBufferPointer(start: b + fieldStart, count: p - fieldStart), as: UTF8.self)
                            if missing.contains(text) {
                                stores[c].append(.nan)
                            } else {
                                numeric[c] = false
                                firstBad[c] = (recordLine, text)
                            }
                        }
                    }
                } else {
                    while p < end, b[p] != delimiter, b[p] != 10, b[p] != 13 {
                        if b[p] == 34 { return quoted() }
                        p += 1
                    }
                }
                if c < columns - 1 {
                    guard p < end, b[p] == delimiter else { return fail(.ragged(relativeLine: recordLine, found: c + 1)) }
                    p += 1
                } else if p < end, b[p] == delimiter {
                    var found = columns
                    while p < end, b[p] != 10, b[p] != 13 {
                        if b[p] == 34 { return quoted() }
                        if b[p] == delimiter { found += 1 }
                        p += 1
                    }
                    return fail(.ragged(relativeLine: recordLine, found: found))
                }
            }
            if p < end {
                if b[p] == 13 { p += 1; if p < end, b[p] == 10 { p += 1 } } else { p += 1 }
                line += 1
            }
        }
        let buffers = (0..<columns).map { DoubleBuffer(adopting: stores[$0].pointer, count: stores[$0].count, capacity: stores[$0].capacity) }
        return NumericResult(numbers: [], buffers: buffers, numeric: numeric,
                             firstNonNumeric: firstBad, rowLines: rowLines, newlines: line, failure: nil)
    }
}

/// A growable column of doubles as plain values, for the parsing loop.
struct ColumnStore {
    var pointer: UnsafeMutablePointer<Double>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        pointer = UnsafeMutablePointer<Double>.allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ value: Double) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Double>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: pointer, count: count)
            pointer.deallocate()
            pointer = bigger
            capacity *= 2
        }
        pointer[count] = value
        count += 1
    }
}
