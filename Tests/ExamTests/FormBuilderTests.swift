import Testing
@testable import Exam

@Suite struct FormBuilderTests {
    @Test func allocatesFiftyItemsToTheDomainMidpoints() {
        // Midpoints 17.5, 27.5, 22.5, 12.5, 12.5 of 92.5 -> 9.46, 14.86, 12.16, 6.76, 6.76: floors 9+14+12+6+6 = 47,
        // the three largest remainders (0.86, 0.76, 0.76) get one more each.
        let counts = DomainShare.allocate(50, over: SessionFixtures.shares)
        #expect(counts == ["1": 9, "2": 15, "3": 12, "4": 7, "5": 7])
    }

    @Test func aFormMatchesTheBlueprintWhenTheBankIsLargeEnough() {
        let bank = SessionFixtures.bank(perDomain: 30, series: 2, studies: 2)
        let form = FormBuilder(shares: SessionFixtures.shares).build(bank: bank, count: 50, minutes: 120, seed: 7)
        #expect(form.slots.count == 50)
        #expect(form.matchesBlueprint)
        #expect(Set(form.slots).count == 50)
        let studies = form.sections.filter { if case .caseStudy = $0.kind { return true } else { return false } }
        #expect((1...2).contains(studies.count))
    }

    @Test func theSameSeedDrawsTheSameFormAndAnotherSeedAnother() {
        let bank = SessionFixtures.bank(perDomain: 30, series: 2, studies: 2)
        let builder = FormBuilder(shares: SessionFixtures.shares)
        let a = builder.build(bank: bank, count: 40, minutes: 120, seed: 11)
        #expect(a == builder.build(bank: bank, count: 40, minutes: 120, seed: 11))
        #expect(a != builder.build(bank: bank, count: 40, minutes: 120, seed: 12))
    }

    @Test func recentlyUsedItemsAreAvoidedWhileTheBankAllows() {
        let bank = SessionFixtures.bank(perDomain: 30)
        let builder = FormBuilder(shares: SessionFixtures.shares)
        let first = builder.build(bank: bank, count: 40, minutes: 120, seed: 1)
        let used = Set(first.slots.map(\.questionID))
        let second = builder.build(bank: bank, count: 40, minutes: 120, seed: 2, recentlyUsed: used)
        #expect(used.isDisjoint(with: Set(second.slots.map(\.questionID))))
    }

    @Test func aThinBankFillsFromOtherDomainsAndShowsTheDifference() {
        var questions = SessionFixtures.bank(perDomain: 20).questions.filter { $0.domain != "5" }
        questions.append(SessionFixtures.single("only-5", domain: "5"))
        let bank = Bank(packs: [Pack(id: "p", title: "P", version: 1, outline: "o", questions: questions, caseStudies: [], path: "p.yaml")])
        let form = FormBuilder(shares: SessionFixtures.shares).build(bank: bank, count: 50, minutes: 120, seed: 3)
        #expect(form.slots.count == 50)
        #expect(!form.matchesBlueprint)
        #expect(form.domains.first { $0.domain == "5" } == DomainDraw(domain: "5", target: 7, drawn: 1))
    }

    @Test func yesNoStatementsEachCountAsOneItem() {
        let bank = SessionFixtures.bank(perDomain: 30, series: 3)
        let form = FormBuilder(shares: SessionFixtures.shares, maxCaseStudies: 0).build(bank: bank, count: 50, minutes: 120, seed: 5)
        let seriesSlots = form.sections.filter { if case .yesNoSeries = $0.kind { return true } else { return false } }.flatMap(\.slots)
        #expect(seriesSlots.count % 3 == 0 && !seriesSlots.isEmpty)
        #expect(form.slots.count == 50)
    }
}
