import Exam

/// Turns a typed answer into a `GivenAnswer` for the question on screen (letters refer to the
/// displayed order), or a one-line hint when its shape is wrong.
enum AnswerInput {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String, for question: Question, part: Int, order: [Int]) -> Result<GivenAnswer, Problem> {
        var body = text.trimmingCharacters(in: .whitespaces).lowercased()
        var confidence = Confidence.unstated
        if body.hasSuffix("!") { confidence = .sure; body.removeLast() }
        else if body.hasSuffix("~") { confidence = .unsure; body.removeLast() }
        body = body.trimmingCharacters(in: .whitespaces)
        if body == "?" { return .success(GivenAnswer(response: .dontKnow, confidence: confidence)) }
        switch question.body {
        case .yesNoSeries:
            switch body {
            case "y", "yes": return .success(GivenAnswer(response: .yesNo(true), confidence: confidence))
            case "n", "no": return .success(GivenAnswer(response: .yesNo(false), confidence: confidence))
            default: return .failure(Problem(description: "answer y or n."))
            }
        case .single(let options):
            let letters = letterIndices(body, count: options.count)
            guard let letters else { return .failure(Problem(description: "use a letter a-\(TextWrap.letter(options.count - 1)).")) }
            guard letters.count == 1 else { return .failure(Problem(description: "this question takes one letter.")) }
            return .success(GivenAnswer(response: .choices(Set(letters.compactMap { order.indices.contains($0) ? order[$0] : nil })), confidence: confidence))
        case .multiple(let options, let choose):
            guard let letters = letterIndices(body, count: options.count) else {
                return .failure(Problem(description: "use letters a-\(TextWrap.letter(options.count - 1)), e.g. a,c."))
            }
            guard letters.count == choose, Set(letters).count == choose else {
                return .failure(Problem(description: "choose exactly \(choose) different letters."))
            }
            return .success(GivenAnswer(response: .choices(Set(letters.compactMap { order.indices.contains($0) ? order[$0] : nil })), confidence: confidence))
        case .ordering(let steps):
            guard let letters = letterIndices(body, count: steps.count) else {
                return .failure(Problem(description: "use letters a-\(TextWrap.letter(steps.count - 1)) in order, e.g. c,a,b."))
            }
            guard letters.count == steps.count, Set(letters).count == steps.count else {
                return .failure(Problem(description: "give all \(steps.count) letters in order, each once."))
            }
            return .success(GivenAnswer(response: .order(letters.compactMap { order.indices.contains($0) ? order[$0] : nil }), confidence: confidence))
        }
    }

    /// Letters separated by commas or spaces (`a,c`, `a c`, `ac` for single letters) as indices, or nil.
    private static func letterIndices(_ text: String, count: Int) -> [Int]? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " })
        let letters: [Character] = parts.count == 1 ? Array(parts[0]) : parts.compactMap { $0.count == 1 ? $0.first : nil }
        guard !letters.isEmpty, parts.count == 1 || letters.count == parts.count else { return nil }
        var indices: [Int] = []
        for letter in letters {
            guard let ascii = letter.asciiValue, ascii >= 97, Int(ascii) - 97 < count else { return nil }
            indices.append(Int(ascii) - 97)
        }
        return indices
    }
}

import Foundation
