/// The bank-wide minimums: questions per area and objective, difficulty spread per area,
/// style and type shares, yes-no series and case-study counts.
struct CoverageRules {
    let outline: Outline
    let policy: LintPolicy

    func findings(_ bank: Bank) -> [LintFinding] {
        let stats = BankStats(bank: bank)
        var findings: [LintFinding] = []
        for area in outline.areas {
            let count = stats.byArea[area.id] ?? 0
            let minimum = area.isGenerativeAI ? policy.minPerGenerativeArea : policy.minPerClassicArea
            if count < minimum {
                findings.append(LintFinding(rule: "area-minimum", message: "area `\(area.id)` has \(count) question\(count == 1 ? "" : "s"); it needs at least \(minimum)"))
            }
            let spread = stats.difficultyByArea[area.id] ?? [:]
            let missing = Difficulty.allCases.filter { (spread[$0] ?? 0) == 0 }
            if count > 0, !missing.isEmpty {
                findings.append(LintFinding(rule: "difficulty-spread", message: "area `\(area.id)` has no \(missing.map(\.rawValue).joined(separator: " or ")) questions; every area needs easy, medium and hard"))
            }
        }
        for objective in outline.objectives {
            let count = stats.byObjective[objective.id] ?? 0
            if count < policy.minPerObjective {
                findings.append(LintFinding(rule: "objective-minimum", message: "objective \(objective.id) (\(objective.title)) has \(count) question\(count == 1 ? "" : "s"); it needs at least \(policy.minPerObjective)"))
            }
        }
        let total = stats.questionCount
        func shareRule(_ rule: String, _ share: Double, _ minimum: Double, _ what: String) {
            if share < minimum {
                findings.append(LintFinding(rule: rule, message: "\(BankLinter.percent(share)) of \(total) questions are \(what); at least \(BankLinter.percent(minimum)) needed"))
            }
        }
        shareRule("scenario-share", stats.share(of: .scenario), policy.minScenarioShare, "scenario-based")
        shareRule("multiple-share", stats.share(of: .multiple), policy.minMultipleShare, "multiple select")
        shareRule("ordering-share", stats.share(of: .ordering), policy.minOrderingShare, "ordering")
        let series = stats.byType[.yesNoSeries] ?? 0
        if series < policy.minYesNoSeries {
            findings.append(LintFinding(rule: "yes-no-minimum", message: "the bank has \(series) yes-no series; at least \(policy.minYesNoSeries) needed"))
        }
        let studies = bank.packs.flatMap(\.caseStudies).filter { PackParser.caseStudySize.contains($0.questions.count) }.count
        if studies < policy.minCaseStudies {
            findings.append(LintFinding(rule: "case-study-minimum", message: "the bank has \(studies) case stud\(studies == 1 ? "y" : "ies") of \(PackParser.caseStudySize.lowerBound) to \(PackParser.caseStudySize.upperBound) questions; at least \(policy.minCaseStudies) needed"))
        }
        return findings
    }
}
