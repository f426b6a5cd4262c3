import Testing
@testable import MLCore
import Primitives

@Suite("CSV write/read round trip")
struct CSVRoundTripTests {
    /// Random tables (numbers of any magnitude, text with delimiters, quotes, CR/LF and non-ASCII, booleans,
    /// missing values) read back equal after writing.
    @Test func randomTablesRoundTrip() throws {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("ab,\"\n\r xé€;")
        for _ in 0..<100 {
            let rows = 1 + rng.nextInt(below: 40)
            var numbers: [Double] = []
            var texts: [String?] = []
            var flags: [Bool?] = []
            for row in 0..<rows {
                // Row 0 always has a text and a flag, so no column is entirely missing (that reads back as numeric).
                let roll = row == 0 ? 5 : rng.nextInt(below: 10)
                numbers.append(roll == 0 ? .nan : Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (rng.nextInt(below: 2) == 0 ? 1 : -1))
                if roll == 1 {
                    texts.append(nil)
                } else {
                    // A letter first keeps the value textual (not a number, not a missing marker).
                    texts.append("q" + String((0..<rng.nextInt(below: 8)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] }))
                }
                flags.append(roll == 2 ? nil : rng.nextInt(below: 2) == 0)
            }
            let table = try Table(columns: [Column(name: "n", numbers: numbers), Column(name: "t,\"x\"", strings: texts),
                                            Column(name: "b", booleans: flags)])
            let back = try CSVReader.parse(text: CSVWriter.string(table))
            #expect(back.columns == table.columns)
        }
    }
}
