import Testing
@testable import Exam

@Suite struct BankStatsTests {
    @Test func countsEveryDimension() throws {
        let outline = try TestSupport.outline
        let stats = BankStats(bank: SyntheticBank.bank(SyntheticBank.compliant(outline: outline)))
        #expect(stats.questionCount == 384)
        #expect(stats.caseStudyCount == 6)
        #expect(stats.packCount == 1)
        // 18 yes-no series of 3 statements each count 3 scored items.
        #expect(stats.scoredItemCount == 384 + 18 * 2)
        #expect(stats.byType == [.single: 252, .multiple: 72, .ordering: 36 + 6, .yesNoSeries: 18])
        #expect(stats.byArea.values.reduce(0, +) == 384)
        #expect(stats.byArea["genai-platform"] == 40)
        #expect(stats.byObjective.values.reduce(0, +) == 384)
        #expect(stats.byObjective.count == 58)
        #expect(stats.byDifficulty[.easy] == 120)
        #expect(stats.byDifficulty[.medium] == 120 + 24)
        #expect(stats.byStyle[.knowledge] == 120)
        #expect(stats.difficultyByArea["genai-quality"]?.values.reduce(0, +) == 40)
        #expect(abs(stats.share(of: .multiple) - 72.0 / 384) < 1e-12)
    }

    @Test func emptyBankHasZeroShares() {
        let stats = BankStats(bank: Bank(packs: []))
        #expect(stats.questionCount == 0)
        #expect(stats.share(of: .ordering) == 0)
        #expect(stats.share(of: .scenario) == 0)
    }
}
