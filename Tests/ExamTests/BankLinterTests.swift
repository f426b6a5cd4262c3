import Foundation
import Testing
@testable import Exam

@Suite struct BankLinterTests {
    let outline: Outline
    let compliant: (questions: [Question], studies: [CaseStudy])

    init() throws {
        outline = try TestSupport.outline
        compliant = SyntheticBank.compliant(outline: outline)
    }

    func rules(_ questions: [Question], _ studies: [CaseStudy]? = nil, coverage: Bool = true) -> [String] {
        BankLinter(outline: outline).lint(SyntheticBank.bank((questions, studies ?? compliant.studies)), coverage: coverage).map(\.rule)
    }

    /// The compliant bank with `transform` applied to every standalone question.
    func modified(_ transform: (inout Question) -> Void) -> [Question] {
        compliant.questions.map { var q = $0; transform(&q); return q }
    }

    @Test func compliantBankHasNoFindings() {
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank(compliant))
        #expect(findings.isEmpty, "\(findings.prefix(5).map(\.description))")
    }

    @Test func missingAndCopiedRationalesAreFound() {
        var questions = compliant.questions
        questions[4].body = .single(options: [
            Option(text: "x", correct: true, rationale: "  "), Option(text: "y", rationale: "Same reason."), Option(text: "z", rationale: "same reason."),
        ])
        #expect(rules(questions) == ["rationale", "rationale-copied"])
    }

    @Test func exactAndNearDuplicateStemsAreFound() {
        var questions = compliant.questions
        let base = (1...30).map { "word\($0)" }.joined(separator: " ")
        var near = (1...30).map { "word\($0)" }
        near[15] = "changed"
        questions[4].stem = base
        questions[5].stem = base.uppercased()
        questions[6].stem = near.joined(separator: " ")
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank((questions, compliant.studies)))
        #expect(findings.map(\.rule) == ["duplicate-stem", "near-duplicate-stem", "near-duplicate-stem"])
        #expect(findings.first?.message.contains("`syn-5` repeats the stem of `syn-4`") == true)
        #expect(findings.last?.message.contains("87 % similar") == true)
    }

    @Test func stemsBelowTheThresholdPass() {
        var questions = compliant.questions
        var other = (1...30).map { "word\($0)" }
        for i in [5, 12, 19, 26] { other[i] = "changed\(i)" }
        questions[4].stem = (1...30).map { "word\($0)" }.joined(separator: " ")
        questions[5].stem = other.joined(separator: " ")
        #expect(rules(questions).isEmpty)
    }

    @Test func multipleStemMustSayHowManyToChoose() {
        let questions = modified { q in if q.id == "syn-0" { q.stem = "Which settings apply? Pick the right ones." } }
        #expect(rules(questions) == ["choose-in-stem"])
    }

    @Test func keyLetterBiasIsFound() {
        let questions = modified { q in
            if case .single(let options) = q.body {
                q.body = .single(options: options.enumerated().map { Option(text: $0.element.text, correct: $0.offset == 1, rationale: $0.element.rationale) })
            }
        }
        #expect(rules(questions) == ["key-letter-share"])
    }

    @Test func keyLongestBiasIsFound() {
        let questions = modified { q in
            if case .single(var options) = q.body, let key = options.firstIndex(where: \.correct) {
                options[key].text += " with a longer explanation"
                q.body = .single(options: options)
            }
        }
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank((questions, compliant.studies)))
        #expect(findings.map(\.rule) == ["key-longest-share", "key-length-rank-share"])
    }

    @Test func keyLengthRankBiasIsFound() {
        let questions = modified { q in
            if case .single(var options) = q.body, let key = options.firstIndex(where: \.correct) {
                options[key].text += " and a clause"
                options[(key + 1) % options.count].text += " and a much longer clause"
                q.body = .single(options: options)
            }
        }
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank((questions, compliant.studies)))
        #expect(findings.map(\.rule) == ["key-length-rank-share"])
        #expect(findings.first?.message.contains("2nd longest") == true)
    }

    @Test func oneKeyPatternForMultipleSelectIsFound() {
        let questions = modified { q in
            if case .multiple(let options, let choose) = q.body {
                q.body = .multiple(options: options.enumerated().map { Option(text: $0.element.text, correct: $0.offset < 2, rationale: $0.element.rationale) }, choose: choose)
            }
        }
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank((questions, compliant.studies)))
        #expect(findings.map(\.rule) == ["multiple-key-pattern"])
        #expect(findings.first?.message.hasPrefix("a,b is the key of") == true)
    }

    @Test func yesNoSeriesWithOneYesCountAreFound() {
        let oneYes = modified { q in
            if case .yesNoSeries(let items) = q.body {
                q.body = .yesNoSeries(statements: items.enumerated().map { Statement(text: $0.element.text, answer: $0.offset == 0, rationale: $0.element.rationale) })
            }
        }
        #expect(rules(oneYes) == ["yes-no-count-share"])
        let allNo = modified { q in
            if case .yesNoSeries(let items) = q.body {
                q.body = .yesNoSeries(statements: items.map { Statement(text: $0.text, answer: false, rationale: $0.rationale) })
            }
        }
        #expect(rules(allNo) == ["yes-no-count-share", "yes-no-share"])
    }

    @Test func justifyingClausesOnDistractorsAreFound() {
        let questions = modified { q in
            if case .single(let options) = q.body {
                q.body = .single(options: options.map { option in
                    Option(text: option.correct ? option.text : option.text + " since it is cheap", correct: option.correct, rationale: option.rationale)
                })
            }
        }
        let findings = BankLinter(outline: outline).lint(SyntheticBank.bank((questions, compliant.studies)))
        #expect(findings.map(\.rule).contains("justifying-clause"))
        #expect(findings.first { $0.rule == "justifying-clause" }?.message.contains("mark distractors") == true)
    }

    @Test func areaMinimumAndDifficultySpreadAreFound() {
        let dropped = compliant.questions.filter { !($0.area == "cicd" && $0.difficulty == .hard) }
        #expect(rules(dropped) == ["area-minimum", "difficulty-spread"])
    }

    @Test func objectiveMinimumIsFound() {
        let questions = modified { q in if q.objective == "5.2d" { q.objective = "5.2c" } }
        #expect(rules(questions) == ["objective-minimum"])
    }

    @Test func scenarioShareIsFound() {
        let questions = modified { q in q.style = .knowledge }
        #expect(rules(questions) == ["scenario-share"])
    }

    /// Turns questions of `type` into single questions whose key letter rotates like the others.
    func converting(_ type: QuestionType, keep: Int = 0) -> [Question] {
        var kept = 0
        return modified { q in
            guard q.type == type else { return }
            kept += 1
            if kept <= keep { return }
            let index = Int(q.id.dropFirst("syn-".count)) ?? 0
            q.body = .single(options: SyntheticBank.options(count: 4, keys: [index % 4], tag: index))
            q.stem = q.stem.replacingOccurrences(of: " Choose two.", with: "")
        }
    }

    @Test func typeSharesAndCountsAreFound() {
        #expect(rules(converting(.multiple)) == ["multiple-share"])
        #expect(rules(converting(.ordering)) == ["ordering-share"])
        #expect(rules(converting(.yesNoSeries, keep: 9)) == ["yes-no-minimum"])
        #expect(rules(converting(.yesNoSeries, keep: 10)).isEmpty)
        #expect(rules(compliant.questions, Array(compliant.studies.prefix(5))) == ["case-study-minimum"])
    }

    @Test func coverageRulesOnlyRunWhenAsked() {
        let few = Array(compliant.questions.prefix(12))
        #expect(!rules(few, []).isEmpty)
        #expect(rules(few, [], coverage: false).isEmpty)
    }

    @Test func findingsPrintWithLocationOrBank() {
        let located = LintFinding(rule: "rationale", message: "m", location: SourceLocation(file: "f.yaml", line: 3, column: 5))
        #expect(located.description == "f.yaml:3:5: [rationale] m")
        #expect(LintFinding(rule: "area-minimum", message: "m").description == "bank: [area-minimum] m")
    }
}
