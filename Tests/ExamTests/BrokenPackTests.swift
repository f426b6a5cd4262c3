import Foundation
import Testing
@testable import Exam

/// Each file in Fixtures/broken lists its expected diagnostics as `# expect: line:column: message`
/// comments at its end; the validator must report exactly those, no more and no fewer.
@Suite struct BrokenPackTests {
    static let files: [String] = {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("broken"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func everyBrokenFixtureIsFound() {
        #expect(Self.files.count >= 15)
    }

    @Test(arguments: files)
    func reportsExactlyTheExpectedDiagnostics(name: String) throws {
        let url = try TestSupport.fixtures.appendingPathComponent("broken").appendingPathComponent(name)
        let bytes = Array(try Data(contentsOf: url))
        let text = String(decoding: bytes, as: UTF8.self)
        let expected = text.split(separator: "\n").compactMap { line -> String? in
            line.hasPrefix("# expect: ") ? String(line.dropFirst("# expect: ".count)) : nil
        }
        #expect(!expected.isEmpty, "\(name) lists no expectations")
        let result = BankLoader(outline: try TestSupport.outline).load(sources: [(file: name, bytes: bytes)])
        #expect(result.diagnostics.allSatisfy { $0.file == name })
        let actual = result.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(actual == expected)
    }

    @Test func validQuestionsOfABrokenFileStillLoad() throws {
        let url = try TestSupport.fixtures.appendingPathComponent("broken/unknown-key.yaml")
        let result = BankLoader(outline: try TestSupport.outline).load(paths: [url.path])
        #expect(result.diagnostics.count == 1)
        #expect(result.bank.questions.map(\.id) == ["b-001"])
    }
}
