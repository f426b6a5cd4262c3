import Foundation

/// Checks a bank against the content quality rules (see docs/authoring-scenarios.md,
/// "Quality rules"). Item rules always run; coverage rules (area, objective and type
/// minimums) only when `coverage` is true, since they concern the whole bank.
public struct BankLinter: Sendable {
    public let outline: Outline
    public let policy: LintPolicy

    public init(outline: Outline, policy: LintPolicy = LintPolicy()) {
        self.outline = outline
        self.policy = policy
    }

    /// Every finding, item rules first (in question order), then bank-wide ones.
    public func lint(_ bank: Bank, coverage: Bool = true) -> [LintFinding] {
        var findings: [LintFinding] = []
        findings += rationaleFindings(bank.questions)
        findings += stemFindings(bank.questions)
        findings += chooseFindings(bank.questions)
        findings += keyBiasFindings(bank.questions)
        findings += AnswerPatternRules(policy: policy).findings(bank.questions)
        if coverage {
            findings += CoverageRules(outline: outline, policy: policy).findings(bank)
        }
        return findings
    }

    // MARK: Item rules

    /// `rationale`: every option, step and statement says why; `rationale-copied`: no two share one.
    func rationaleFindings(_ questions: [Question]) -> [LintFinding] {
        var findings: [LintFinding] = []
        for question in questions {
            let entries = Self.entries(question)
            var seen: [String: String] = [:]
            for entry in entries {
                let rationale = entry.rationale.trimmed
                if rationale.isEmpty {
                    findings.append(LintFinding(rule: "rationale", message: "\(entry.label) of `\(question.id)` has no rationale", location: question.location))
                    continue
                }
                let key = rationale.lowercased()
                if let first = seen[key] {
                    findings.append(LintFinding(rule: "rationale-copied", message: "\(entry.label) of `\(question.id)` repeats the rationale of \(first); explain each one in its own terms", location: question.location))
                } else {
                    seen[key] = entry.label
                }
            }
        }
        return findings
    }

    /// `duplicate-stem` and `near-duplicate-stem` (Jaccard of 2-word shingles ≥ threshold).
    func stemFindings(_ questions: [Question]) -> [LintFinding] {
        let similarity = StemSimilarity(threshold: policy.nearDuplicateThreshold)
        return similarity.matches(questions.map(\.stem)).compactMap { match in
            guard questions.indices.contains(match.first), questions.indices.contains(match.second) else { return nil }
            let first = questions[match.first], second = questions[match.second]
            let whereFirst = first.location.map { " at \($0)" } ?? ""
            if match.similarity >= 1 {
                return LintFinding(rule: "duplicate-stem", message: "stem of `\(second.id)` repeats the stem of `\(first.id)`\(whereFirst)", location: second.location)
            }
            let percent = Int((match.similarity * 100).rounded())
            return LintFinding(rule: "near-duplicate-stem", message: "stem of `\(second.id)` is \(percent) % similar to `\(first.id)`\(whereFirst); rewrite one of them", location: second.location)
        }
    }

    /// `choose-in-stem`: a multiple question's stem says how many to choose.
    func chooseFindings(_ questions: [Question]) -> [LintFinding] {
        let words = ["", "one", "two", "three", "four", "five", "six"]
        return questions.compactMap { question in
            guard case .multiple(_, let choose) = question.body else { return nil }
            let stemWords = Set(StemSimilarity.words(question.stem))
            let word = words.indices.contains(choose) ? words[choose] : "\(choose)"
            if stemWords.contains(word) || stemWords.contains("\(choose)") { return nil }
            return LintFinding(rule: "choose-in-stem", message: "stem of `\(question.id)` does not say how many to choose (\(word)); add e.g. \"Choose \(word).\"", location: question.location)
        }
    }

    /// `key-letter-share` and `key-longest-share` over single items.
    func keyBiasFindings(_ questions: [Question]) -> [LintFinding] {
        var letterCounts: [Int: Int] = [:]
        var longestCount = 0
        var total = 0
        for question in questions {
            guard case .single(let options) = question.body,
                  let key = options.firstIndex(where: \.correct) else { continue }
            total += 1
            letterCounts[key, default: 0] += 1
            let keyLength = options[key].text.count
            if options.indices.allSatisfy({ $0 == key || options[$0].text.count < keyLength }) { longestCount += 1 }
        }
        guard total >= policy.minSingleItemsForShares else { return [] }
        var findings: [LintFinding] = []
        for (letter, count) in letterCounts.sorted(by: { $0.key < $1.key }) {
            let share = Double(count) / Double(total)
            if share > policy.maxKeyLetterShare {
                findings.append(LintFinding(rule: "key-letter-share", message: "option \(AnswerParser.letter(letter)) is the key of \(count) of \(total) single questions (\(Self.percent(share))); at most \(Self.percent(policy.maxKeyLetterShare)) allowed: move some keys to other letters"))
            }
        }
        let longestShare = Double(longestCount) / Double(total)
        if longestShare > policy.maxKeyLongestShare {
            findings.append(LintFinding(rule: "key-longest-share", message: "the key is the longest option in \(longestCount) of \(total) single questions (\(Self.percent(longestShare))); at most \(Self.percent(policy.maxKeyLongestShare)) allowed: lengthen some distractors"))
        }
        return findings
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// Labelled option, step and statement rationales of a question.
    static func entries(_ question: Question) -> [(label: String, rationale: String)] {
        switch question.body {
        case .single(let options), .multiple(let options, _):
            return options.enumerated().map { ("option \(AnswerParser.letter($0.offset))", $0.element.rationale) }
        case .ordering(let steps):
            return steps.enumerated().map { ("step \($0.offset + 1)", $0.element.rationale) }
        case .yesNoSeries(let statements):
            return statements.enumerated().map { ("statement \($0.offset + 1)", $0.element.rationale) }
        }
    }
}
