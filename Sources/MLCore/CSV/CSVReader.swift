#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RFC 4180 CSV files into typed tables.
///
/// The first record is the header. A column is numeric when every non-missing field parses as a number,
/// boolean when every non-missing field is `true`/`false` (any case), otherwise categorical; options may
/// force a kind. A UTF-8 byte-order mark is skipped; LF, CRLF and CR line ends are accepted; blank lines
/// are skipped. Large files are parsed on all cores, split at record boundaries outside quotes.
public enum CSVReader {
    /// Reads and parses the file at `path` (large regular files are memory-mapped, not copied).
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        if let mapped = try MappedFile.open(path: path) {
            defer { mapped.close() }
            guard mapped.count > 0 else { throw CSVError.empty(path: path) }
            return try CSVParse(base: mapped.base, count: mapped.count, path: path, options: options).run()
        }
        let bytes = try readBytes(path: path)
        return try parse(bytes: bytes, path: path, options: options)
    }

    /// Parses CSV text (`path` names it in errors).
    public static func parse(text: String, path: String = "<text>", options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try parse(bytes: Array(text.utf8), path: path, options: options)
    }

    /// Parses CSV bytes (`path` names them in errors).
    public static func parse(bytes: [UInt8], path: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try bytes.withUnsafeBufferPointer { buffer -> Table in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { throw CSVError.empty(path: path) }
            return try CSVParse(base: base, count: buffer.count, path: path, options: options).run()
        }
    }

    /// The whole file as bytes.
    public static func readBytes(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw CSVError.unreadable(path: path, reason: "it is a directory") }
        var bytes: [UInt8] = []
        var capacity = max(Int(info.st_size), 0) + 1
        bytes.reserveCapacity(capacity)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { readFile(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
                if bytes.count > capacity { capacity = bytes.count }
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        return bytes
    }
}

/// A read-only memory map of a regular file of at least 1 MiB.
struct MappedFile {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let raw: UnsafeMutableRawPointer

    /// nil when the file is small or not a regular file (then it is read instead).
    static func open(path: String) throws -> MappedFile? {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw CSVError.unreadable(path: path, reason: "it is a directory") }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 1 << 20 else { return nil }
        let size = Int(info.st_size)
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else { return nil }
        return MappedFile(base: UnsafePointer(pointer.assumingMemoryBound(to: UInt8.self)), count: size, raw: pointer)
    }

    func close() { munmap(raw, count) }
}

/// One parse of one buffer.
private struct CSVParse {
    let base: UnsafePointer<UInt8>
    let count: Int
    let path: String
    let options: CSVReadOptions

    func run() throws -> Table {
        var start = 0
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        var header = CSVScanner(base: base, start: start, end: count, delimiter: options.delimiter)
        var fields: [CSVField] = []
        let hasHeader: Bool
        do { hasHeader = try header.next(into: &fields) } catch { throw convert(error, lineOffset: 1) }
        guard hasHeader else { throw CSVError.empty(path: path) }
        var names: [String] = []
        var seen = Set<String>()
        for (i, field) in fields.enumerated() {
            var name = header.text(of: field)
            if name.isEmpty { name = "Unnamed: \(i)" }
            guard seen.insert(name).inserted else { throw CSVError.duplicateHeader(path: path, name: name) }
            names.append(name)
        }
        // Lines of the header record itself (1-based line of the first data line = header.line + 1).
        let bodyStart = header.position
        let bodyFirstLine = header.line + 1
        let shared = SharedBuffer(base: base, count: count)
        let forced = names.map { options.columnKinds[$0] }
        let numericCandidates = forced.map { $0 == nil || $0 == .numeric }
        // First assume no quotes (split at any newline, one-sweep parse); the fast pass reports any quote it
        // meets, and then, or when it failed on a file that holds quotes, everything is parsed again by the
        // general RFC 4180 scanner on chunks split outside quotes.
        var chunks = splitBody(from: bodyStart, quotesPossible: false)
        var passOne = Parallel.map(chunks.count) { k in
            ChunkPass.numericUnquoted(shared, range: chunks[k], columns: names.count, candidates: numericCandidates,
                                      delimiter: options.delimiter, missing: options.missingValues)
        }
        let sawQuote = passOne.contains { $0.needsQuotedParse }
        let failedWithQuotes = passOne.contains { $0.failure != nil }
            && ChunkPass.containsQuote(shared, range: bodyStart..<count)
        if sawQuote || failedWithQuotes {
            let quotedChunks = splitBody(from: bodyStart, quotesPossible: true)
            chunks = quotedChunks
            passOne = Parallel.map(quotedChunks.count) { k in
                ChunkPass.numeric(shared, range: quotedChunks[k], columns: names.count, candidates: numericCandidates,
                                  delimiter: options.delimiter, missing: options.missingValues)
            }
        }
        // Line offsets of each chunk.
        var offsets: [Int] = []
        var line = bodyFirstLine
        for result in passOne {
            offsets.append(line)
            line += result.newlines
        }
        for (k, result) in passOne.enumerated() {
            if let failure = result.failure { throw failure.error(path: path, lineOffset: offsets[k], names: names) }
        }
        var isNumeric = numericCandidates
        for result in passOne {
            for c in 0..<names.count where !result.numeric[c] { isNumeric[c] = false }
        }
        for c in 0..<names.count where forced[c] == .numeric && !isNumeric[c] {
            for (k, result) in passOne.enumerated() {
                if let bad = result.firstNonNumeric[c] {
                    throw CSVError.notNumeric(path: path, line: offsets[k] + bad.line, column: names[c], text: bad.text)
                }
            }
        }
        let textColumns = (0..<names.count).filter { !isNumeric[$0] }
        var passTwo: [ChunkPass.TextResult] = []
        if !textColumns.isEmpty {
            passTwo = Parallel.map(chunks.count) { k in
                ChunkPass.text(shared, range: chunks[k], columns: textColumns, delimiter: options.delimiter,
                               missing: options.missingValues)
            }
        }
        var rowLines: [Int] = []
        rowLines.reserveCapacity(passOne.reduce(0) { $0 + $1.rowLines.count })
        for (k, result) in passOne.enumerated() {
            let offset = offsets[k]
            rowLines.append(contentsOf: result.rowLines.map { $0 + offset })
        }
        let numericColumns = Parallel.map(names.count) { c -> [Double]? in
            guard isNumeric[c] else { return nil }
            let total = passOne.reduce(0) { $0 + ChunkPass.numberCount($1, column: c) }
            return [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
                var offset = 0
                if let base = buffer.baseAddress {
                    for result in passOne { offset += ChunkPass.copyNumbers(result, column: c, into: base + offset) }
                }
                initialized = offset
            }
        }
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for c in 0..<names.count {
            if let values = numericColumns[c] {
                columns.append(Column(name: names[c], numbers: values))
            } else {
                let t = textColumns.firstIndex(of: c) ?? 0
                let merged = mergeCategorical(passTwo.map { $0.columns[t] })
                columns.append(try finish(name: names[c], merged, forced: forced[c], rowLines: rowLines))
            }
        }
        return try Table(columns: columns, source: TableSource(path: path, rowLines: rowLines))
    }

    /// Splits the body into ranges that start at record boundaries (outside quotes).
    private func splitBody(from start: Int, quotesPossible: Bool) -> [Range<Int>] {
        let size = count - start
        // More chunks than cores, so a core that gets more CPU time (machines are often shared) takes more chunks.
        let parts = options.parallel && size >= (1 << 20) ? min(Parallel.workerCount * 4, max(size >> 18, 1)) : 1
        guard parts > 1 else { return [start..<count] }
        if !quotesPossible {
            // No quotes anywhere: every newline is a record boundary.
            var bounds = [start]
            for k in 1..<parts {
                let target = max(start + size * k / parts, bounds[bounds.count - 1])
                guard let found = memchr(base + target, 10, count - target) else { break }
                let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                if next < count, next > bounds[bounds.count - 1] { bounds.append(next) }
            }
            bounds.append(count)
            return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
        }
        var bounds = [start]
        var quotes = 0
        var scanned = start
        for k in 1..<parts {
            let target = start + size * k / parts
            guard target > (bounds.last ?? start) else { continue }
            while scanned < target {
                if base[scanned] == 34 { quotes += 1 }
                scanned += 1
            }
            var p = scanned
            var q = quotes
            while p < count {
                let c = base[p]
                if c == 34 { q += 1 } else if c == 10, q % 2 == 0 { break }
                p += 1
            }
            while scanned < p {
                if base[scanned] == 34 { quotes += 1 }
                scanned += 1
            }
            if p >= count { break }
            bounds.append(p + 1)
        }
        bounds.append(count)
        return (0..<(bounds.count - 1)).compactMap { i in
            bounds[i] < bounds[i + 1] ? bounds[i]..<bounds[i + 1] : nil
        }
    }

    private func mergeCategorical(_ parts: [CategoricalValues]) -> CategoricalValues {
        guard parts.count > 1 else { return parts.first ?? CategoricalValues(codes: [], levels: []) }
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(parts.reduce(0) { $0 + $1.codes.count })
        for part in parts {
            let remap: [Int32] = part.levels.map { level in
                if let code = index[level] { return code }
                let code = Int32(levels.count)
                index[level] = code
                levels.append(level)
                return code
            }
            for code in part.codes { codes.append(code < 0 ? -1 : remap[Int(code)]) }
        }
        return CategoricalValues(codes: codes, levels: levels)
    }

    private func finish(name: String, _ values: CategoricalValues, forced: ColumnKind?, rowLines: [Int]) throws -> Column {
        let booleanWords: [String: Bool] = ["true": true, "false": false]
        let parsed = values.levels.map { booleanWords[$0.lowercased()] }
        let allBoolean = !values.levels.isEmpty && parsed.allSatisfy { $0 != nil }
        if forced == .boolean, !allBoolean {
            if let bad = values.levels.firstIndex(where: { booleanWords[$0.lowercased()] == nil }),
               let row = values.codes.firstIndex(of: Int32(bad)) {
                throw CSVError.notBoolean(path: path, line: row < rowLines.count ? rowLines[row] : 0, column: name, text: values.levels[bad])
            }
        }
        if forced == .boolean || (forced == nil && allBoolean) {
            let flags = parsed.map { $0 ?? false }
            return Column(name: name, booleans: values.codes.map { $0 < 0 ? nil : flags[Int($0)] })
        }
        return Column(name: name, values: .categorical(values))
    }

    private func convert(_ error: CSVScanError, lineOffset: Int) -> CSVError {
        switch error {
        case .unterminatedQuote(let line): return .unterminatedQuote(path: path, line: line + lineOffset)
        case .textAfterQuote(let line): return .textAfterQuote(path: path, line: line + lineOffset)
        }
    }
}
