import Testing
@testable import MLCore
import Primitives

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func infersNumericCategoricalAndBooleanColumns() throws {
        let table = try CSVReader.parse(text: "x,name,flag\n1.5,a,true\n-2e3,b,FALSE\n,a,\n")
        #expect(table.rowCount == 3)
        #expect(table.columnNames == ["x", "name", "flag"])
        #expect(try table.requireColumn("x").kind == .numeric)
        #expect(try table.requireColumn("name").kind == .categorical)
        #expect(try table.requireColumn("flag").kind == .boolean)
        let x = try table.requireNumbers("x")
        #expect(x[0] == 1.5 && x[1] == -2000 && x[2].isNaN)
        #expect(try table.requireColumn("flag").values == .boolean([true, false, nil]))
        #expect(try table.requireColumn("name").strings == ["a", "b", "a"])
    }

    @Test func quotedFieldsWithDelimitersNewlinesAndQuotes() throws {
        let text = "id,note\n1,\"a, b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n"
        let table = try CSVReader.parse(text: text)
        #expect(try table.requireColumn("note").strings == ["a, b", "line1\nline2", "say \"hi\""])
        #expect(table.source?.rowLines == [2, 3, 5])
    }

    @Test func categoricalMissingMarkersAndEscapedValuesShareCodes() throws {
        let table = try CSVReader.parse(text: "c,d\nx,1\nNA,2\n\"q\"\"\",3\n\"q\"\"\",4\n,5\nx,6\n")
        let column = try table.requireColumn("c")
        #expect(column.strings == ["x", nil, "q\"", "q\"", nil, "x"])
        guard case .categorical(let values) = column.values else { Issue.record("not categorical"); return }
        #expect(values.levels == ["x", "q\""])
    }

    @Test func crlfAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n3,4\r\n".utf8)
        let table = try CSVReader.parse(bytes: bytes, path: "bom.csv")
        #expect(table.columnNames == ["a", "b"])
        #expect(try table.requireNumbers("b") == [2, 4])
    }

    @Test func raggedRowNamesFileAndLine() {
        #expect(throws: CSVError.raggedRow(path: "f.csv", line: 3, expected: 2, found: 3)) {
            try CSVReader.parse(text: "a,b\n1,2\n1,2,3\n", path: "f.csv")
        }
        #expect(throws: CSVError.raggedRow(path: "f.csv", line: 4, expected: 2, found: 1)) {
            try CSVReader.parse(text: "a,b\n\"x\ny\",2\n1\n", path: "f.csv")
        }
    }

    @Test func unterminatedQuoteAndTextAfterQuote() {
        #expect(throws: CSVError.unterminatedQuote(path: "q.csv", line: 3)) {
            try CSVReader.parse(text: "a,b\n1,2\n3,\"oops\n4,5\n", path: "q.csv")
        }
        #expect(throws: CSVError.textAfterQuote(path: "q.csv", line: 2)) {
            try CSVReader.parse(text: "a,b\n\"x\"y,2\n", path: "q.csv")
        }
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect(throws: CSVError.empty(path: "e.csv")) { try CSVReader.parse(text: "", path: "e.csv") }
        #expect(throws: CSVError.empty(path: "e.csv")) { try CSVReader.parse(text: "\n\n", path: "e.csv") }
        let headerOnly = try CSVReader.parse(text: "a,b\n")
        #expect(headerOnly.rowCount == 0 && headerOnly.columnNames == ["a", "b"])
    }

    @Test func duplicateHeaderIsAnError() {
        #expect(throws: CSVError.duplicateHeader(path: "d.csv", name: "a")) {
            try CSVReader.parse(text: "a,a\n1,2\n", path: "d.csv")
        }
    }

    @Test func forcedNumericColumnReportsTheLine() {
        let options = CSVReadOptions(columnKinds: ["x": .numeric])
        #expect(throws: CSVError.notNumeric(path: "n.csv", line: 4, column: "x", text: "abc")) {
            try CSVReader.parse(text: "x\n1\n2\nabc\n", path: "n.csv", options: options)
        }
    }

    @Test func forcedCategoricalKeepsNumberText() throws {
        let options = CSVReadOptions(columnKinds: ["zip": .categorical])
        let table = try CSVReader.parse(text: "zip\n02134\n10001\n", options: options)
        #expect(try table.requireColumn("zip").strings == ["02134", "10001"])
    }

    @Test func missingColumnErrorListsAvailableColumns() throws {
        let table = try CSVReader.parse(text: "a,b\n1,2\n", path: "m.csv")
        #expect(throws: TableError.missingColumn("c", available: ["a", "b"], path: "m.csv")) {
            try table.requireColumn("c")
        }
    }

    @Test func parallelParseEqualsSerialParse() throws {
        var text = "id,value,group,note\n"
        var rng = SplitMix64(seed: 7)
        for i in 0..<60_000 {
            let v = Double(rng.next() % 1_000_000) / 997.0
            let group = ["red", "green", "blue"][Int(rng.next() % 3)]
            let note = i % 1000 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "plain"
            text += "\(i),\(v),\(group),\(note)\n"
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 1 << 20)
        let parallel = try CSVReader.parse(bytes: bytes, path: "p.csv", options: CSVReadOptions(parallel: true))
        let serial = try CSVReader.parse(bytes: bytes, path: "p.csv", options: CSVReadOptions(parallel: false))
        #expect(parallel == serial)
        #expect(parallel.rowCount == 60_000)
        #expect(parallel.line(ofRow: 59_999) == 60_001 + 60)
    }

    @Test func unquotedFastPathAgreesWithTheGeneralScanner() throws {
        let pieces = ["1.5", "-2", "", "NA", " 7 ", "1e3", "abc", "0.30000000000000004", "nan", "12345678901234567890", "inf", "1e"]
        var rng = SplitMix64(seed: 21)
        for trial in 0..<200 {
            let columns = 1 + rng.nextInt(below: 4)
            var text = ""
            for _ in 0..<(1 + rng.nextInt(below: 6)) {
                let fields = rng.nextInt(below: 10) == 0 ? columns + rng.nextInt(below: 3) - 1 : columns
                text += (0..<max(fields, 1)).map { _ in pieces[rng.nextInt(below: pieces.count)] }.joined(separator: ",")
                text += ["\n", "\r\n", "\n\n"][rng.nextInt(below: 3)]
            }
            if trial % 2 == 0, text.hasSuffix("\n") { text.removeLast() }
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { buffer in
                let base = try #require(buffer.baseAddress)
                let shared = SharedBuffer(base: base, count: buffer.count)
                let candidates = [Bool](repeating: true, count: columns)
                let general = ChunkPass.numeric(shared, range: 0..<buffer.count, columns: columns, candidates: candidates,
                                                delimiter: 44, missing: CSVReadOptions.defaultMissingValues)
                let fast = ChunkPass.numericUnquoted(shared, range: 0..<buffer.count, columns: columns, candidates: candidates,
                                                     delimiter: 44, missing: CSVReadOptions.defaultMissingValues)
                #expect(String(describing: general.failure) == String(describing: fast.failure), "\(text)")
                if general.failure == nil {
                    #expect(general.numeric == fast.numeric, "\(text)")
                    #expect(general.rowLines == fast.rowLines, "\(text)")
                    #expect(general.newlines == fast.newlines, "\(text)")
                    for c in 0..<columns where general.numeric[c] {
                        #expect(ColumnValues.numeric(ChunkPass.numbers(general, column: c)) == ColumnValues.numeric(ChunkPass.numbers(fast, column: c)), "\(text)")
                    }
                }
            }
        }
    }

    @Test func quotedBlockAcrossTheParallelSplitPoint() throws {
        // The middle of the file falls inside one quoted field of many short lines: the quote-free first
        // attempt fails or meets the quote, and the general parse must give the serial result.
        var text = "a,b\n"
        var i = 0
        while text.utf8.count < 350_000 { text += "\(i),x\n"; i += 1 }
        text += "\(i),\"" + String(repeating: "zz\n", count: 140_000) + "\"\n"
        i += 1
        while text.utf8.count < 1_150_000 { text += "\(i),y\n"; i += 1 }
        let bytes = Array(text.utf8)
        let parallel = try CSVReader.parse(bytes: bytes, path: "q.csv", options: CSVReadOptions(parallel: true))
        let serial = try CSVReader.parse(bytes: bytes, path: "q.csv", options: CSVReadOptions(parallel: false))
        #expect(parallel == serial)
        #expect(parallel.rowCount == i)
        #expect(try parallel.requireNumbers("a").last == Double(i - 1))
    }

    @Test func writerRoundTripsValues() throws {
        let table = try Table(columns: [
            Column(name: "x", numbers: [0.1, -3, .nan, 1e-300, 123456789.125]),
            Column(name: "s", strings: ["a,b", nil, "q\"q", "line\nbreak", "plain"]),
            Column(name: "b", booleans: [true, nil, false, true, false]),
        ])
        let text = CSVWriter.string(table)
        #expect(text.hasPrefix("x,s,b\n0.1,\"a,b\",true\n-3,,\n"))
        let back = try CSVReader.parse(text: text)
        #expect(back.columns == table.columns)
    }
}
