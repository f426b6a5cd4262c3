/// The two passes the reader makes over one chunk of the body: numbers first, then text for the
/// columns that turned out not to be numeric.
enum ChunkPass {
    /// A problem in a chunk, with a line relative to the chunk start.
    enum Failure {
        case scan(CSVScanError)
        case ragged(relativeLine: Int, found: Int)

        func error(path: String, lineOffset: Int, names: [String]) -> CSVError {
            switch self {
            case .scan(.unterminatedQuote(let line)): return .unterminatedQuote(path: path, line: line + lineOffset)
            case .scan(.textAfterQuote(let line)): return .textAfterQuote(path: path, line: line + lineOffset)
            case .ragged(let line, let found):
                return .raggedRow(path: path, line: line + lineOffset, expected: names.count, found: found)
            }
        }
    }

    struct NumericResult {
        /// Per column, the parsed numbers (general pass) ...
        var numbers: [[Double]]
        /// ... or buffers holding them (unquoted fast pass).
        var buffers: [DoubleBuffer]? = nil
        var numeric: [Bool]
        var firstNonNumeric: [(line: Int, text: String)?]
        var rowLines: [Int]
        var newlines: Int
        var failure: Failure?
        /// The unquoted fast pass met a double quote: the chunk must be parsed by the general pass.
        var needsQuotedParse = false
    }

    struct TextResult {
        var columns: [CategoricalValues]
    }

    /// Parses every candidate column as numbers; a column stops being numeric at its first non-number.
    static func numeric(_ buffer: SharedBuffer<UInt8>, range: Range<Int>, columns: Int, candidates: [Bool],
                        delimiter: UInt8, missing: Set<String>) -> NumericResult {
        var scanner = CSVScanner(base: buffer.base, start: range.lowerBound, end: range.upperBound, delimiter: delimiter)
        var numeric = candidates
        var numbers = [[Double]](repeating: [], count: columns)
        let estimatedRows = max(16, range.count / max(1, columns * 8))
        for c in 0..<columns where numeric[c] { numbers[c].reserveCapacity(estimatedRows) }
        var firstBad = [(line: Int, text: String)?](repeating: nil, count: columns)
        var rowLines: [Int] = []
        rowLines.reserveCapacity(estimatedRows)
        var fields: [CSVField] = []
        fields.reserveCapacity(columns)
        let base = buffer.base
        do {
            while try scanner.next(into: &fields) {
                guard fields.count == columns else {
                    return NumericResult(numbers: [], buffers: nil, numeric: numeric, firstNonNumeric: firstBad, rowLines: [],
                                         newlines: scanner.line, failure: .ragged(relativeLine: scanner.recordLine, found: fields.count))
                }
                rowLines.append(scanner.recordLine)
                for c in 0..<columns where numeric[c] {
                    let field = fields[c]
                    if !field.escaped, let value = FastFloatParser.parse(base + field.start, count: field.end - field.start) {
                        numbers[c].append(value)
                        continue
                    }
                    let text = scanner.text(of: field)
                    if missing.contains(text) {
                        numbers[c].append(.nan)
                    } else {
                        numeric[c] = false
                        firstBad[c] = (scanner.recordLine, text)
                        numbers[c] = []
                    }
                }
            }
        } catch {
            return NumericResult(numbers: [], buffers: nil, numeric: numeric, firstNonNumeric: firstBad, rowLines: [],
                                 newlines: scanner.line, failure: .scan(error))
        }
        return NumericResult(numbers: numbers, buffers: nil, numeric: numeric, firstNonNumeric: firstBad, rowLines: rowLines,
                             newlines: scanner.line, failure: nil)
    }

    /// Collects the text of the given columns, dictionary encoded per chunk.
    /// The numbers of column `c`, from whichever storage the pass used.
    static func copyNumbers(_ result: NumericResult, column c: Int, into target: UnsafeMutablePointer<Double>) -> Int {
        if let buffers = result.buffers {
            let buffer = buffers[c]
            target.update(from: buffer.pointer, count: buffer.count)
            return buffer.count
        }
        let values = result.numbers[c]
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { target.update(from: base, count: source.count) }
        }
        return values.count
    }

    /// The numbers of column `c` as an array.
    static func numbers(_ result: NumericResult, column c: Int) -> [Double] {
        if let buffers = result.buffers { return buffers[c].array }
        return result.numbers[c]
    }

    /// Number of values column `c` holds in this result.
    static func numberCount(_ result: NumericResult, column c: Int) -> Int {
        if let buffers = result.buffers { return buffers[c].count }
        return result.numbers[c].count
    }

    static func text(_ buffer: SharedBuffer<UInt8>, range: Range<Int>, columns: [Int], delimiter: UInt8,
                     missing: Set<String>) -> TextResult {
        var scanner = CSVScanner(base: buffer.base, start: range.lowerBound, end: range.upperBound, delimiter: delimiter)
        var codes = [[Int32]](repeating: [], count: columns.count)
        var interners = [ByteInterner](repeating: ByteInterner(missing: missing), count: columns.count)
        var fields: [CSVField] = []
        while (try? scanner.next(into: &fields)) == true {
            for (t, c) in columns.enumerated() {
                guard c < fields.count else { codes[t].append(-1); continue }
                let field = fields[c]
                let code = field.escaped
                    ? interners[t].code(scanner.text(of: field))
                    : interners[t].code(buffer.base + field.start, count: field.end - field.start)
                codes[t].append(code)
            }
        }
        return TextResult(columns: (0..<columns.count).map { CategoricalValues(codes: codes[$0], levels: interners[$0].levels) })
    }
}
