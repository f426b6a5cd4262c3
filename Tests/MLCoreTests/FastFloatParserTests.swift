import Testing
@testable import MLCore
import Primitives

@Suite("Number parsing")
struct FastFloatParserTests {
    @Test(arguments: ["0", "-0.0", "1", "3.14159", "1e10", "-2.5E-3", ".5", "5.", "+7", "123456789012345678",
                      "0.1", "2.2250738585072014e-308", "1.7976931348623157e308", "9007199254740993",
                      "-1.2345678901234567", "4.9e-324", "0.30000000000000004", "  42  "])
    func agreesWithSwiftParsing(text: String) throws {
        let expected = try #require(Double(text.trimmingCharacters(in: " ")))
        let parsed = try #require(FastFloatParser.parse(text))
        #expect(parsed.bitPattern == expected.bitPattern)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e", "e5", "0x1p3", "1,5", "--1", "nan", "1 2", "."])
    func rejectsNonNumbers(text: String) {
        #expect(FastFloatParser.parse(text) == nil)
    }

    @Test func longMantissasMatchCorrectRounding() throws {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<50_000 {
            let digits = 15 + rng.nextInt(below: 6)
            var text = rng.nextInt(below: 2) == 0 ? "-" : ""
            for k in 0..<digits { text += String(k == 0 ? 1 + rng.nextInt(below: 9) : rng.nextInt(below: 10)) }
            let point = rng.nextInt(below: digits + 1)
            text.insert(".", at: text.index(text.endIndex, offsetBy: -point))
            if rng.nextInt(below: 2) == 0 { text += "e\(rng.nextInt(below: 40) - 20)" }
            let expected = try #require(Double(text))
            #expect(FastFloatParser.parse(text)?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test func infinity() {
        #expect(FastFloatParser.parse("inf") == .infinity)
        #expect(FastFloatParser.parse("-Infinity") == -.infinity)
    }

    @Test func randomDecimalsRoundTrip() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            #expect(FastFloatParser.parse(x.description) == x)
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
