import Foundation
import Store
import Testing

/// Several real processes opening one state home at the same moment.
@Suite(.serialized) struct ConcurrentHomeTests {
    @Test func fourProcessesOnAFreshHomeAllSetItUp() throws {
        for trial in 0..<5 {
            let runner = try BinaryRunner()
            // A home that does not exist yet, so every process races to create and migrate it.
            try FileManager.default.removeItem(at: runner.home)
            let processes = try (0..<4).map { _ in try runner.start(["scorecard", "--format", "json"]) }
            let results = processes.map { $0.finish() }
            for result in results {
                #expect(result.status == 0, "trial \(trial): \(result.stderr)")
                #expect(result.stdout.contains("\"schema_version\""), "trial \(trial)")
            }
            let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
            #expect(try database.appliedMigrations().last == "v5-answer-days")
        }
    }
}
