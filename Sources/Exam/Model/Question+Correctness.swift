extension Question {
    /// Whether `response` is right for this question (for a yes-no series, for statement `part`).
    ///
    /// Single, multiple and ordering items are all-or-nothing; "I don't know" is never right.
    public func isCorrect(_ response: Response, part: Int = 0) -> Bool {
        switch (body, response) {
        case (.single(let options), .choices(let chosen)), (.multiple(let options, _), .choices(let chosen)):
            return chosen == Set(options.indices.filter { options[$0].correct })
        case (.ordering(let steps), .order(let order)):
            return order == Array(steps.indices)
        case (.yesNoSeries(let statements), .yesNo(let value)):
            return statements.indices.contains(part) && statements[part].answer == value
        default:
            return false
        }
    }
}
