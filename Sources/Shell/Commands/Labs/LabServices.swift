import CLICore
import Exam
import Foundation
import Labs
import Store

/// What the `lab` and `labs` commands share: the state database, the labs library and a lab session.
struct LabServices {
    let services: Services
    let library: LabLibrary
    let session: LabSession

    static func open(_ context: CommandContext = .active) throws -> LabServices {
        let services = try Services.open(context)
        let library = LabLibrary.load(folder: LabLocator.defaultFolder(environment: context.environment), outline: services.outline)
        let runner = try ProcessCommandRunner.current()
        let session = LabSession(home: context.home.url, database: services.database, library: library, runner: runner)
        return LabServices(services: services, library: library, session: session)
    }

    var console: any Console { services.console }
    var style: Style { services.style }

    /// Records a decision as an answer, so it counts like a scenario item on the scorecard.
    func recordDecision(_ question: Question, answer: String, correct: Bool) throws {
        guard case .success(let given) = AnswerParser.parse(answer, for: question) else { return }
        try services.database.record([
            AnswerRecord(questionID: question.id, part: 0, area: question.area, objective: question.objective,
                         difficulty: question.difficulty.rawValue, correct: correct, dontKnow: given.response == .dontKnow,
                         confidence: given.confidence.rawValue, response: ResponseText.encode(given.response), answeredAt: Date(), source: "lab"),
        ])
    }
}
