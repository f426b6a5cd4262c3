@testable import Exam

/// Small synthetic banks for the form, session and scoring tests.
enum SessionFixtures {
    static func single(_ id: String, domain: String, difficulty: Difficulty = .medium, caseStudy: String? = nil) -> Question {
        Question(
            id: id, area: "cicd", objective: "\(domain).1a", difficulty: difficulty, style: .scenario, stem: "Stem \(id)",
            body: .single(options: [
                Option(text: "right", correct: true, rationale: "r"),
                Option(text: "wrong", rationale: "w"),
            ]),
            caseStudyID: caseStudy, packID: "p")
    }

    static func series(_ id: String, domain: String, answers: [Bool]) -> Question {
        Question(
            id: id, area: "cicd", objective: "\(domain).1a", difficulty: .medium, style: .scenario, stem: "Series \(id)",
            body: .yesNoSeries(statements: answers.map { Statement(text: "s", answer: $0, rationale: "r") }), packID: "p")
    }

    /// `perDomain` standalone single items in each of five domains, plus optional series and case studies.
    static func bank(perDomain: Int, series: Int = 0, studies: Int = 0) -> Bank {
        var questions: [Question] = []
        for domain in 1...5 {
            for i in 0..<perDomain { questions.append(single("d\(domain)-\(i)", domain: "\(domain)")) }
        }
        for i in 0..<series { questions.append(Self.series("yn-\(i)", domain: "2", answers: [true, false, true])) }
        let caseStudies = (0..<studies).map { i in
            CaseStudy(id: "cs-\(i)", title: "Study \(i)", scenario: "Scenario",
                      questions: (0..<4).map { single("cs-\(i)-q\($0)", domain: "3", caseStudy: "cs-\(i)") })
        }
        return Bank(packs: [Pack(id: "p", title: "P", version: 1, outline: "o", questions: questions, caseStudies: caseStudies, path: "p.yaml")])
    }

    static let shares = [
        DomainShare(id: "1", minPercent: 15, maxPercent: 20),
        DomainShare(id: "2", minPercent: 25, maxPercent: 30),
        DomainShare(id: "3", minPercent: 20, maxPercent: 25),
        DomainShare(id: "4", minPercent: 10, maxPercent: 15),
        DomainShare(id: "5", minPercent: 10, maxPercent: 15),
    ]
}
