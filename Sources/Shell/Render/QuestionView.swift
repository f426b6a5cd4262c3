import Exam

/// Renders questions, answer instructions and feedback as plain text (colour through `Style`).
struct QuestionView {
    let style: Style

    /// The question's header line, stem and options. `order` is the display order of the options
    /// (authored indices); for ordering questions it is the shuffled presentation.
    func render(_ question: Question, header: String, order: [Int], part: Int? = nil, showStem: Bool = true) -> String {
        var out = style.strong(header) + "\n" + (showStem ? TextWrap.wrap(question.stem) + "\n" : "")
        switch question.body {
        case .single(let options), .multiple(let options, _), .ordering(let options):
            out += "\n"
            for (shown, authored) in order.enumerated() where options.indices.contains(authored) {
                out += TextWrap.hanging("  \(AnswerParser.letter(shown))) ", options[authored].text) + "\n"
            }
        case .yesNoSeries(let statements):
            if let part, statements.indices.contains(part) {
                out += "\nStatement \(part + 1) of \(statements.count):\n"
                out += TextWrap.wrap(statements[part].text, indent: "  ") + "\n"
            }
        }
        return out
    }

    /// One line telling the learner how to answer.
    func instructions(_ question: Question, extra: String) -> String {
        let hint: String
        switch question.body {
        case .single(let options): hint = "Answer with one letter (a-\(AnswerParser.letter(options.count - 1)))"
        case .multiple(let options, let choose): hint = "Choose \(choose) letters (a-\(AnswerParser.letter(options.count - 1)), e.g. a,c)"
        case .ordering(let steps): hint = "Put all \(steps.count) steps in order (e.g. \(exampleOrder(steps.count)))"
        case .yesNoSeries: hint = "Does the solution meet the goal? y or n"
        }
        return style.dim("\(hint); add ! if sure or ~ if unsure; ? = I don't know; \(extra).")
    }

    /// Right or wrong, the key, and every option's rationale; the learner's choices marked with `>`.
    func feedback(_ question: Question, given: GivenAnswer, correct: Bool, order: [Int], part: Int) -> String {
        var out = correct ? style.good("✓ Correct.") : style.bad("✗ Not correct.")
        switch question.body {
        case .single(let options), .multiple(let options, _):
            let shownIndex = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let key = order.enumerated().filter { options.indices.contains($0.element) && options[$0.element].correct }.map { AnswerParser.letter($0.offset) }
            out += " Answer: \(key.joined(separator: ","))\n"
            let chosen: Set<Int>
            if case .choices(let set) = given.response { chosen = set } else { chosen = [] }
            for authored in order where options.indices.contains(authored) {
                let option = options[authored]
                let mark = option.correct ? style.good("right") : style.bad("wrong")
                let pointer = chosen.contains(authored) ? ">" : " "
                out += TextWrap.hanging("\(pointer) \(AnswerParser.letter(shownIndex[authored] ?? 0))) ", "[\(mark)] \(option.rationale)") + "\n"
            }
        case .ordering(let steps):
            let shownIndex = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let key = steps.indices.map { AnswerParser.letter(shownIndex[$0] ?? 0) }
            out += " Correct order: \(key.joined(separator: ","))\n"
            for (position, step) in steps.enumerated() {
                out += TextWrap.hanging("  \(position + 1). \(AnswerParser.letter(shownIndex[position] ?? 0))) ", "\(step.text) — \(step.rationale)") + "\n"
            }
        case .yesNoSeries(let statements):
            if statements.indices.contains(part) {
                let statement = statements[part]
                out += " Answer: \(statement.answer ? "yes" : "no")\n"
                out += TextWrap.wrap(statement.rationale, indent: "  ") + "\n"
            }
        }
        return out
    }

    private func exampleOrder(_ count: Int) -> String {
        let letters = (0..<count).map { AnswerParser.letter($0) }
        guard letters.count > 2 else { return letters.reversed().joined(separator: ",") }
        return ([letters[2], letters[0]] + letters.dropFirst(3) + [letters[1]]).joined(separator: ",")
    }
}
