import Foundation
import Testing
@testable import Exam

@Suite struct BankExportTests {
    func exportSample() throws -> [String: Any] {
        let url = try TestSupport.fixtures.appendingPathComponent("valid/sample-pack.yaml")
        let outline = try TestSupport.outline
        let result = BankLoader(outline: outline).load(sources: [(file: "sample-pack.yaml", bytes: Array(try Data(contentsOf: url)))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(BankExport(bank: result.bank, outline: outline))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func questions(_ root: [String: Any]) throws -> [String: [String: Any]] {
        let packs = try #require(root["packs"] as? [[String: Any]])
        var all: [[String: Any]] = []
        for pack in packs {
            all += pack["questions"] as? [[String: Any]] ?? []
            for study in pack["case_studies"] as? [[String: Any]] ?? [] { all += study["questions"] as? [[String: Any]] ?? [] }
        }
        return Dictionary(uniqueKeysWithValues: all.compactMap { q in (q["id"] as? String).map { ($0, q) } })
    }

    @Test func headerNamesSchemaOutlineAndCount() throws {
        let root = try exportSample()
        #expect(root["schema"] as? String == "mlopslab.packs/1")
        #expect(root["outline"] as? String == "ai300-2026-03-05")
        #expect(root["question_count"] as? Int == 8)
        let pack = try #require((root["packs"] as? [[String: Any]])?.first)
        #expect(pack["id"] as? String == "sample-pack")
        #expect(pack["file"] as? String == "sample-pack.yaml")
        #expect((pack["case_studies"] as? [[String: Any]])?.first?["id"] as? String == "cs-sample")
    }

    @Test func everyQuestionCarriesItsKey() throws {
        let all = try questions(exportSample())
        #expect(all.count == 8)
        #expect(all["smp-001"]?["key"] as? String == "a")
        #expect(all["smp-002"]?["key"] as? String == "a,c")
        #expect(all["smp-002"]?["choose"] as? Int == 2)
        #expect(all["smp-004"]?["key"] as? String == "y,n,n")
        #expect(all["cs-sample-2"]?["case_study"] as? String == "cs-sample")
        let options = try #require(all["smp-001"]?["options"] as? [[String: Any]])
        #expect(options.map { $0["letter"] as? String } == ["a", "b", "c", "d"])
        #expect(options.map { $0["correct"] as? Bool } == [true, false, false, false])
        #expect(options.allSatisfy { ($0["rationale"] as? String)?.isEmpty == false })
    }

    @Test func orderingKeyUsesThePresentedLetters() throws {
        let all = try questions(exportSample())
        let question = try #require(all["smp-003"])
        let steps = try #require(question["steps"] as? [[String: Any]])
        #expect(steps.map { $0["position"] as? Int } == [1, 2, 3, 4])
        let letters = steps.compactMap { $0["letter"] as? String }
        #expect(question["key"] as? String == letters.joined(separator: ","))
        #expect(Set(letters) == ["a", "b", "c", "d"])
        #expect(letters != ["a", "b", "c", "d"])
    }

    @Test func encodingIsStable() throws {
        let first = try JSONSerialization.data(withJSONObject: exportSample(), options: [.sortedKeys])
        let second = try JSONSerialization.data(withJSONObject: exportSample(), options: [.sortedKeys])
        #expect(first == second)
    }
}
