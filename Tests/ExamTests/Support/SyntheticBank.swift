@testable import Exam
import Primitives

/// Builds banks in code: a bank that meets every lint rule, which tests then break one rule at a time.
enum SyntheticBank {
    /// Deterministic pseudo-random words so stems never resemble each other.
    struct Words {
        var generator = SplitMix64(seed: 42)
        mutating func stem(_ count: Int = 14) -> String {
            (0..<count).map { _ in "w\(generator.next() % 5000)" }.joined(separator: " ")
        }
    }

    /// 360 standalone questions (20 per classic area, 40 per generative-AI area, every objective
    /// at least 6 times, mixed types, difficulties and styles) plus 6 case studies of 4 questions.
    static func compliant(outline: Outline) -> (questions: [Question], studies: [CaseStudy]) {
        var words = Words()
        let objectives = outline.objectiveIDs
        var areaSlots: [String] = []
        for area in outline.areas { areaSlots += Array(repeating: area.id, count: area.isGenerativeAI ? 40 : 20) }
        var questions: [Question] = []
        for (i, area) in areaSlots.enumerated() {
            let body: QuestionBody
            var stem = words.stem()
            switch i % 20 {
            case 0, 1, 10, 11:
                body = .multiple(options: options(count: 4, keys: [i % 4, (i + 1 + i / 20 % 2) % 4], tag: i), choose: 2)
                stem += " Choose two."
            case 2, 12:
                body = .ordering(steps: (0..<4).map { Option(text: "Step \($0) of \(i)", rationale: "Step \($0) goes here because of \(i).") })
            case 3:
                body = .yesNoSeries(statements: (0..<3).map { Statement(text: "Solution \($0)", answer: $0 <= i / 20 % 3, rationale: "Statement \($0) of \(i).") })
            default:
                body = .single(options: options(count: 4, keys: [i % 4], tag: i))
            }
            questions.append(Question(
                id: "syn-\(i)", area: area, objective: objectives[i % objectives.count],
                difficulty: Difficulty.allCases[i % 3], style: i % 3 == 2 ? .knowledge : .scenario,
                stem: stem, body: body, packID: "synthetic"))
        }
        let studies = (0..<6).map { s in
            CaseStudy(id: "cs-\(s)", title: "Study \(s)", scenario: "Scenario \(s)", questions: (0..<4).map { q in
                Question(id: "cs-\(s)-\(q)", area: outline.areaIDs[(s + q) % outline.areaIDs.count], objective: objectives[(s * 4 + q) % objectives.count],
                         difficulty: .medium, style: .scenario, stem: words.stem(),
                         body: q == 3 ? .ordering(steps: (0..<3).map { Option(text: "Study step \($0)", rationale: "Study step \($0) of \(s).") })
                                      : .single(options: options(count: 4, keys: [q % 4], tag: 1000 + s * 10 + q)),
                         caseStudyID: "cs-\(s)", packID: "synthetic")
            })
        }
        return (questions, studies)
    }

    /// Options of equal length (the key is never the longest) with distinct rationales.
    static func options(count: Int, keys: Set<Int>, tag: Int) -> [Option] {
        (0..<count).map { Option(text: "Choice \($0) for item \(tag)", correct: keys.contains($0), rationale: "Why choice \($0) of \(tag) is right or wrong.") }
    }

    static func bank(_ parts: (questions: [Question], studies: [CaseStudy])) -> Bank {
        Bank(packs: [Pack(id: "synthetic", title: "Synthetic", version: 1, outline: "ai300-2026-03-05", questions: parts.questions, caseStudies: parts.studies, path: "synthetic.yaml")])
    }
}
