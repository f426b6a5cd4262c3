import Testing
@testable import Exam

private func refusal(_ body: () throws(ExamNavigationError) -> Void) -> ExamNavigationError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

@Suite struct ExamSessionTests {
    /// A general section of 2, a yes-no series of 2 statements, then a case study of 2.
    private var form: ExamForm {
        ExamForm(sections: [
            FormSection(kind: .general, slots: [FormSlot(questionID: "a"), FormSlot(questionID: "b")]),
            FormSection(kind: .yesNoSeries(questionID: "yn"), slots: [FormSlot(questionID: "yn", part: 0), FormSlot(questionID: "yn", part: 1)]),
            FormSection(kind: .caseStudy(id: "cs"), slots: [FormSlot(questionID: "c"), FormSlot(questionID: "d")]),
        ], minutes: 120, domains: [])
    }

    private let pick = GivenAnswer(response: .choices([0]))

    @Test func movingFreelyInsideTheGeneralSection() throws {
        var session = ExamSession(form: form)
        try session.answer(pick)
        let moved = session.next()
        #expect(moved == .moved)
        try session.back()
        #expect(session.progress.current == 0)
        try session.go(to: 2)
        #expect(session.progress.current == 1)
        let refused1213 = refusal { () throws(ExamNavigationError) in try session.go(to: 5) }
        #expect(refused1213 == .laterSection(5))
    }

    @Test func leavingASectionLocksIt() throws {
        var session = ExamSession(form: form)
        try session.go(to: 2)
        let step = session.next()
        #expect(step == .leavingSection(0))
        let left = session.leaveSection()
        #expect(left)
        #expect(session.progress.current == 2)
        let refused1557 = refusal { () throws(ExamNavigationError) in try session.back() }
        #expect(refused1557 == .noGoingBack)
        let refused1621 = refusal { () throws(ExamNavigationError) in try session.go(to: 1) }
        #expect(refused1621 == .lockedSection)
        #expect(!session.isOpen(0))
    }

    @Test func aYesNoStatementLocksOnceAnswered() throws {
        var session = ExamSession(form: form)
        try session.go(to: 2)
        _ = session.next()
        _ = session.leaveSection()
        try session.answer(GivenAnswer(response: .yesNo(true)))
        let refused1994 = refusal { () throws(ExamNavigationError) in try session.answer(GivenAnswer(response: .yesNo(false))) }
        #expect(refused1994 == .lockedStatement)
        #expect(session.progress.responses[2]?.response == .yesNo(true))
        let moved = session.next()
        #expect(moved == .moved)
        let refused2215 = refusal { () throws(ExamNavigationError) in try session.back() }
        #expect(refused2215 == .noGoingBack)
    }

    @Test func theLastSlotEndsTheExamAndFlagsToggle() throws {
        var session = ExamSession(form: form)
        let flagged = session.toggleFlag()
        let unflagged = session.toggleFlag()
        #expect(flagged && !unflagged)
        try session.go(to: 2)
        _ = session.next(); _ = session.leaveSection()
        _ = session.next(); _ = session.next(); _ = session.leaveSection()
        _ = session.next()
        let end = session.next()
        let leftLast = session.leaveSection()
        #expect(end == .endOfExam && !leftLast)
        #expect(session.summary.unanswered == 6)
    }

    @Test func progressSurvivesAJSONRoundTrip() throws {
        var session = ExamSession(form: form)
        try session.answer(GivenAnswer(response: .choices([1]), confidence: .sure))
        session.toggleFlag()
        let data = try JSONEncoder().encode(session.progress)
        let restored = try JSONDecoder().decode(ExamProgress.self, from: data)
        #expect(restored == session.progress)
    }
}

import Foundation
