import Exam
import Foundation
import Testing
import Readiness

/// Odd input never crashes and never produces NaN in the output.
struct RobustnessTests {
    @Test func oddInputStaysFinite() throws {
        let areas = Fixture.areas + [ReadinessArea(id: "workspace-assets", title: "duplicate", handsOn: false, nextStep: "x")]
        let domains = Fixture.domains + [DomainWeight(id: "6", title: "broken", min: .nan, max: .infinity)]
        var answers = Fixture.answers(area: "workspace-assets", objective: "1.2a", count: 10, correct: 10, age: -30)
        answers += Fixture.answers(area: "genai-platform", objective: "3.2b", count: 5, correct: 5, age: 1e9)
        let labs = [Fixture.lab("workspace-assets", score: .nan), Fixture.lab("workspace-assets", score: 7)]
        let model = ReadinessModel(areas: areas, domains: domains, now: Fixture.now)
        let card = model.scorecard(answers: answers, selfRatings: [SelfRating(area: "nowhere", level: .green)], handsOn: labs)

        // Duplicates keep the first entry; the broken domain has weight 0 and a 0-0 range.
        #expect(card.areas.count == Fixture.areas.count)
        #expect(card.areas.first?.title == "Workspace and core assets")
        let broken = try #require(card.domains.last)
        #expect(broken.weight == 0 && broken.weightRange == 0...0)
        // Future answers count as new (weight 1 each); a score of 7 is clamped to 1 and meets hands-on.
        let assets = try #require(card.areas.first)
        #expect(abs((assets.estimate?.effectiveWeight ?? 0) - 10) < 1e-12)
        #expect(assets.handsOn.bestScore == 1 && assets.handsOn.met && assets.status == .green)
        // Ancient answers weigh nothing: grey.
        #expect(card.areas.first { $0.id == "genai-platform" }?.status == .grey)
        for format in ScorecardFormat.allCases {
            let text = ScorecardRenderer.render(card, format: format)
            #expect(!text.contains("nan") && !text.contains("NaN"), "\(format)")
        }
    }

    @Test func invalidParametersFallBack() throws {
        var parameters = ReadinessParameters.standard
        parameters.halfLifeDays = -1
        parameters.priorAlpha = .nan
        parameters.minimumEffectiveWeight = .infinity
        let card = Fixture.model(parameters: parameters).scorecard(
            answers: Fixture.answers(area: "genai-platform", objective: "3.2b", count: 3, correct: 3, age: 21))
        let area = try #require(card.areas.first { $0.id == "genai-platform" })
        // Half-life falls back to 21 days: three answers at half weight; prior α falls back to 1.
        #expect(abs((area.estimate?.effectiveWeight ?? 0) - 1.5) < 1e-12)
        #expect(area.estimate?.alpha == 2.5)
        #expect(area.status == .grey)
        // Minimum weight falls back to 4: max(5 − 3, ⌈4 − 1.5⌉) = 3 more.
        #expect(area.nextStep == "answer 3 more questions in this area (practice --area genai-platform)")
    }
}
