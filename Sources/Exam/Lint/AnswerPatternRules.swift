import Foundation

/// Bank-wide rules against answer patterns a test-wise candidate could score with, without
/// knowing the material: where keys sit, how long they are, how many statements of a series are
/// "yes", and whether a justifying clause marks an option as a distractor.
struct AnswerPatternRules: Sendable {
    let policy: LintPolicy

    /// Words that attach a justification to an option ("…, because …").
    static let justifyingClause = try? NSRegularExpression(
        pattern: #"\b(because|so that|since|in order to|which means)\b"#, options: [.caseInsensitive])

    func findings(_ questions: [Question]) -> [LintFinding] {
        keyLengthRankFindings(questions) + multipleKeyPositionFindings(questions)
            + yesNoFindings(questions) + justifyingClauseFindings(questions)
    }

    /// `key-length-rank-share`: among single items whose key's length no other option shares, no
    /// length rank (1 = longest) holds the key in more than `maxKeyLengthRankShare` of them.
    func keyLengthRankFindings(_ questions: [Question]) -> [LintFinding] {
        var counts: [Int: Int] = [:]
        var total = 0
        for question in questions {
            guard case .single(let options) = question.body, let key = options.first(where: \.correct),
                  options.filter({ $0.text.count == key.text.count }).count == 1 else { continue }
            let rank = 1 + options.filter { $0.text.count > key.text.count }.count
            counts[rank, default: 0] += 1
            total += 1
        }
        guard total >= policy.minSingleItemsForShares else { return [] }
        return counts.sorted { $0.key < $1.key }.compactMap { rank, count in
            let share = Double(count) / Double(total)
            guard share > policy.maxKeyLengthRankShare else { return nil }
            return LintFinding(rule: "key-length-rank-share", message: "the key is the \(Self.ordinal(rank)) longest option in \(count) of \(total) single questions (\(BankLinter.percent(share))); at most \(BankLinter.percent(policy.maxKeyLengthRankShare)) allowed: vary option lengths so length does not point to the key")
        }
    }

    /// `multiple-key-pattern`: no set of key positions (such as a and b) is the key of more than
    /// `maxKeyLetterShare` of multiple-select items.
    func multipleKeyPositionFindings(_ questions: [Question]) -> [LintFinding] {
        var patterns: [[Int]: Int] = [:]
        var total = 0
        for question in questions {
            guard case .multiple(let options, _) = question.body else { continue }
            total += 1
            patterns[options.indices.filter { options[$0].correct }, default: 0] += 1
        }
        guard total >= policy.minSingleItemsForShares,
              let (pattern, count) = patterns.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key.lexicographicallyPrecedes($1.key) == false })
        else { return [] }
        let share = Double(count) / Double(total)
        guard share > policy.maxKeyLetterShare else { return [] }
        let letters = pattern.map(AnswerParser.letter).joined(separator: ",")
        return [LintFinding(rule: "multiple-key-pattern", message: "\(letters) is the key of \(count) of \(total) multiple questions (\(BankLinter.percent(share))); at most \(BankLinter.percent(policy.maxKeyLetterShare)) allowed: spread the correct options over the positions")]
    }

    /// `yes-no-count-share` and `yes-no-share`: series do not all have the same number of "yes"
    /// statements, and "yes" is neither rare nor the rule.
    func yesNoFindings(_ questions: [Question]) -> [LintFinding] {
        var seriesByYesCount: [Int: Int] = [:]
        var series = 0, statements = 0, yes = 0
        for question in questions {
            guard case .yesNoSeries(let items) = question.body else { continue }
            let count = items.filter(\.answer).count
            seriesByYesCount[count, default: 0] += 1
            series += 1
            statements += items.count
            yes += count
        }
        guard series >= policy.minYesNoSeries else { return [] }
        var findings: [LintFinding] = []
        if let (count, used) = seriesByYesCount.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
           Double(used) / Double(series) > policy.maxYesCountShare {
            findings.append(LintFinding(rule: "yes-no-count-share", message: "\(used) of \(series) yes-no series have exactly \(count) yes (\(BankLinter.percent(Double(used) / Double(series)))); at most \(BankLinter.percent(policy.maxYesCountShare)) allowed: vary how many proposed solutions meet the goal"))
        }
        let yesShare = Double(yes) / Double(max(1, statements))
        if !policy.yesShareRange.contains(yesShare) {
            findings.append(LintFinding(rule: "yes-no-share", message: "\(yes) of \(statements) yes-no statements are yes (\(BankLinter.percent(yesShare))); keep it from \(BankLinter.percent(policy.yesShareRange.lowerBound)) to \(BankLinter.percent(policy.yesShareRange.upperBound)) so answering all yes or all no does not pay"))
        }
        return findings
    }

    /// `justifying-clause`: options with a justifying clause are keys about as often as options
    /// in general, so crossing them out (or picking them) does not beat chance.
    func justifyingClauseFindings(_ questions: [Question]) -> [LintFinding] {
        guard let pattern = Self.justifyingClause else { return [] }
        var options = 0, keys = 0, clauses = 0, clauseKeys = 0
        for question in questions {
            let choices: [Option]
            switch question.body {
            case .single(let items), .multiple(let items, _): choices = items
            default: continue
            }
            for option in choices {
                options += 1
                if option.correct { keys += 1 }
                let range = NSRange(option.text.startIndex..., in: option.text)
                guard pattern.firstMatch(in: option.text, range: range) != nil else { continue }
                clauses += 1
                if option.correct { clauseKeys += 1 }
            }
        }
        guard clauses >= policy.minClauseOptions, options > 0, keys > 0 else { return [] }
        let base = Double(keys) / Double(options)
        let rate = Double(clauseKeys) / Double(clauses)
        let ratio = rate / base
        guard !policy.clauseKeyRatioRange.contains(ratio) else { return [] }
        let direction = ratio < policy.clauseKeyRatioRange.lowerBound ? "mark distractors: trim the reasons from wrong options or give keys theirs" : "mark keys: give wrong options their (mistaken) reasons too"
        return [LintFinding(rule: "justifying-clause", message: "options with a justifying clause (because, so that, since...) are keys in \(clauseKeys) of \(clauses) (\(BankLinter.percent(rate))) against \(BankLinter.percent(base)) of all options; such clauses \(direction)")]
    }

    static func ordinal(_ rank: Int) -> String {
        switch rank {
        case 1: return "1st"
        case 2: return "2nd"
        case 3: return "3rd"
        default: return "\(rank)th"
        }
    }
}
