// Generates inputs for the foundation benchmarks (Benchmarks/foundation/run.sh): a bank of N
// valid questions, a state home holding N recorded answers, a REPL history of N lines; and
// measures the REPL's start-up to its first prompt on a pseudo-terminal (TerminalStartup).
import Foundation
import Store

@main
enum FoundationBenchMain {
    static let areas = [
        ("workspace-assets", "1.2a"), ("experiment-tracking", "2.1a"), ("data-operations", "1.2a"), ("training-automation", "2.1g"),
        ("evaluation-promotion", "2.2d"), ("cicd", "1.3c"), ("deployment-inference", "2.3a"), ("monitoring-observability", "2.4a"),
        ("security-governance", "1.1d"), ("responsible-ai", "2.2c"), ("troubleshooting", "2.3b"), ("cost-management", "1.1c"),
        ("genai-platform", "3.2a"), ("genai-quality", "4.1b"), ("genai-optimization", "5.1a"),
    ]

    static func main() throws {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.count == 4, args[0] == "pty-startup", let runs = Int(args[1]), runs > 0 {
            print(TerminalStartup.report(try TerminalStartup.measure(binary: args[2], home: args[3], runs: runs)))
            return
        }
        guard args.count == 3, let count = Int(args[1]) else {
            FileHandle.standardError.write(Data("usage: foundationbench gen-bank N DIR | seed-answers N HOME | gen-history N HOME | pty-startup RUNS MLOPSLAB HOME\n".utf8))
            return
        }
        if args[0] == "gen-history" {
            try TerminalStartup.writeHistory(lines: count, home: URL(fileURLWithPath: args[2]))
            return
        }
        switch args[0] {
        case "gen-bank": try generateBank(count: count, folder: URL(fileURLWithPath: args[2]))
        case "seed-answers": try seedAnswers(count: count, home: URL(fileURLWithPath: args[2]))
        case "read-answers":
            let database = try StateDatabase(url: URL(fileURLWithPath: args[2]).appendingPathComponent("state.sqlite"))
            for _ in 0..<count {
                let start = Date()
                let answers = try database.allAnswers()
                print("read \(answers.count) answers in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
                let second = Date()
                let groups = try database.answerFactGroups()
                print("read \(groups.reduce(0) { $0 + $1.days.reduce(0) { $0 + $1.count } }) answers as \(groups.count) groups in \(Int(Date().timeIntervalSince(second) * 1000)) ms")
            }
        default: FileHandle.standardError.write(Data("unknown benchmark input \(args[0])\n".utf8))
        }
    }

    /// Ten packs of N/10 single-choice questions each, spread over the fifteen areas.
    static func generateBank(count: Int, folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let perPack = max(1, count / 10)
        var made = 0
        for pack in 0..<10 {
            var text = "pack: bench-\(pack)\ntitle: Benchmark pack \(pack)\nversion: 1\noutline: ai300-2026-03-05\nquestions:\n"
            for i in 0..<perPack where made < count {
                let (area, objective) = areas[made % areas.count]
                let difficulty = ["easy", "medium", "hard"][made % 3]
                text += """
                  - id: bench-\(pack)-\(i)
                    area: \(area)
                    objective: \(objective)
                    difficulty: \(difficulty)
                    type: single
                    style: scenario
                    stem: |
                      Generated question \(made) for pack \(pack) in area \(area); a team must decide what to do next
                      given constraint number \(made * 7 % 101) and budget \(made * 13 % 997). What should it do?
                    options:
                      - text: Option one for question \(made)
                        rationale: Explains why option one is wrong here.
                      - text: Option two for question \(made)
                        correct: true
                        rationale: Explains why option two is right here.
                      - text: Option three for question \(made)
                        rationale: Explains why option three is wrong here.
                      - text: Option four for question \(made)
                        rationale: Explains why option four is wrong here.

                """
                made += 1
            }
            try text.write(to: folder.appendingPathComponent("bench-\(pack).yaml"), atomically: true, encoding: .utf8)
        }
    }

    /// N answers over the last 60 days, spread over the areas, about 70 % correct.
    static func seedAnswers(count: Int, home: URL) throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let database = try StateDatabase(url: home.appendingPathComponent("state.sqlite"))
        let now = Date()
        var random = SystemRandomNumberGenerator()
        var batch: [AnswerRecord] = []
        for i in 0..<count {
            let (area, objective) = areas[i % areas.count]
            batch.append(AnswerRecord(
                questionID: "bench-\(i % 2000)", area: area, objective: objective, difficulty: ["easy", "medium", "hard"][i % 3],
                correct: Double.random(in: 0..<1, using: &random) < 0.7, dontKnow: false, confidence: ["sure", "unsure", "unstated"][i % 3],
                response: "1", answeredAt: now.addingTimeInterval(-Double.random(in: 0..<(120 * 86_400), using: &random)), source: "practice"))
            if batch.count == 5_000 {
                try database.record(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try database.record(batch) }
    }
}
