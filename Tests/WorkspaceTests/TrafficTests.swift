import Foundation
import MLCore
import Testing
@testable import Workspace

@Suite struct TrafficTests {
    @Test func driftRecipesParseAndBadOnesAreRefused() throws {
        let recipe = try DriftRecipe("income:shift=1.5@day=10")
        #expect(recipe.column == "income" && recipe.day == 10 && recipe.action == .shift(1.5))
        #expect(try DriftRecipe("segment:set=c@day=0").action == .set("c"))
        for bad in ["income", "income:shift=x@day=1", "income:wiggle=1@day=2", "income:shift=1@week=2", ":add=1@day=1"] {
            #expect(throws: WorkspaceError.self) { try DriftRecipe(bad) }
        }
    }
    // Traffic over real HTTP (30 days, drift, late labels, daily monitors) is tested against the scoring
    // host process in ServingTests/TrafficEndToEndTests.swift.
}

@Suite struct CollectedDataTests {
    @Test func theFastTimeParserAgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in stride(from: 0.0, to: 4e9, by: 123_456_789.125) {
            let date = Date(timeIntervalSince1970: seconds)
            let text = formatter.string(from: date)
            #expect(abs((CollectedData.parseTime(text)?.timeIntervalSince1970 ?? -1) - seconds) < 0.001, "\(text)")
        }
        #expect(CollectedData.parseTime("2026-13-01T00:00:00Z") == nil)
    }

    @Test func azStyleTimesRoundTripThroughTheFastParser() throws {
        for seconds in stride(from: 0.0, to: 4e9, by: 98_765_432.25) {
            let text = SimulatedClock.isoString(Date(timeIntervalSince1970: seconds))
            #expect(text.hasSuffix("+00:00") && text.count == 32, "\(text)")
            #expect(abs((CollectedData.parseTime(text)?.timeIntervalSince1970 ?? -1) - seconds) < 1e-6, "\(text)")
        }
        #expect(SimulatedClock.isoString(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000+00:00")
        #expect(CollectedData.parseTime("2026-01-01T00:00:00+01:00") == nil)
    }
}
