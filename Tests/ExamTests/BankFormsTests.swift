import Testing
@testable import Exam

/// The shipped bank must fill every mock-exam form to the domain weights, with no item repeated
/// across three consecutive forms (issue 5).
@Suite struct BankFormsTests {
    @Test(arguments: [40, 50, 60])
    func threeConsecutiveFormsMatchTheBlueprintWithoutRepeats(count: Int) throws {
        let outline = try Outline.bundled()
        let result = BankLoader(outline: outline).load(paths: [BankLocator.defaultFolder(environment: [:])])
        #expect(result.diagnostics.isEmpty)
        let shares = outline.domains.map { DomainShare(id: $0.id, minPercent: Double($0.minWeight), maxPercent: Double($0.maxWeight)) }
        let builder = FormBuilder(shares: shares)
        var history: [Set<String>] = []
        for seed in UInt64(1)...3 {
            let recent = history.suffix(2).reduce(into: Set<String>()) { $0.formUnion($1) }
            let form = builder.build(bank: result.bank, count: count, minutes: 120, seed: seed * 101, recentlyUsed: recent)
            #expect(form.slots.count == count)
            #expect(form.matchesBlueprint, "form \(seed) of \(count): \(form.domains)")
            let ids = Set(form.slots.map(\.questionID))
            #expect(ids.isDisjoint(with: recent), "form \(seed) of \(count) repeats \(ids.intersection(recent).sorted())")
            history.append(ids)
        }
    }
}
