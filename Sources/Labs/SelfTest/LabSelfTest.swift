import Foundation

/// What `labs test` found for one lab.
public struct LabSelfTestReport: Sendable {
    public var labID: String
    /// Problems that make the lab fail its self-test, each `file:line: message` where there is a line.
    public var problems: [String]
    public var seconds: Double
    public var checks: Int

    public var passed: Bool { problems.isEmpty }
}

/// The author's self-test: in a fresh state home, setup and faults; every check fails; the reference
/// solution; every check passes; and the same again in a second fresh home, with the same results.
public struct LabSelfTest: Sendable {
    let runner: any LabCommandRunner
    /// Where the throwaway state homes go.
    let scratch: URL

    public init(runner: any LabCommandRunner, scratch: URL) {
        self.runner = runner
        self.scratch = scratch
    }

    public func run(_ lab: LabDefinition) -> LabSelfTestReport {
        let started = Date()
        let file = LabLibrary.display(lab.folder.appendingPathComponent("lab.yaml"))
        var problems: [String] = []
        var rounds: [[Bool]] = []
        for round in 1...2 {
            let home = scratch.appendingPathComponent("\(lab.id)-\(round)-\(UUID().uuidString.prefix(8))")
            let places = LabPlaces(home: home, labID: lab.id)
            let builder = LabBuilder(lab: lab, places: places, runner: runner)
            defer {
                builder.clearLive()
                try? FileManager.default.removeItem(at: home)
            }
            do {
                let (box, baseline) = try builder.prepare(useSnapshot: false)
                let evaluator = CheckEvaluator(sandbox: box, baselineJobs: Set(baseline.jobs))
                let before = evaluator.evaluate(lab.checks)
                for (check, outcome) in zip(lab.checks, before) where outcome.passed {
                    problems.append("\(file):\(check.line): check `\(check.id)` passes before the solution (it saw: \(outcome.observed)); it must fail right after setup")
                }
                for step in lab.solution.steps {
                    do { try apply(step, builder: builder, sandbox: box) } catch {
                        problems.append("\(file):\(step.line): solution step failed: \(error)")
                        break
                    }
                }
                let after = evaluator.evaluate(lab.checks)
                for (check, outcome) in zip(lab.checks, after) where !outcome.passed {
                    problems.append("\(file):\(check.line): check `\(check.id)` still fails after the solution (it saw: \(outcome.observed))")
                }
                let score = LabScore.compute(lab: lab, outcomes: after, decisions: lab.solution.decisions, hints: [:])
                if score.decisionPoints < Double(lab.decisions.count) {
                    problems.append("\(file): the reference decisions score \(Int(score.decisionPoints)) of \(lab.decisions.count)")
                }
                rounds.append(before.map(\.passed) + after.map(\.passed))
            } catch {
                problems.append(String(describing: error))
            }
            if !problems.isEmpty { break }
        }
        if problems.isEmpty, rounds.count == 2, rounds[0] != rounds[1] {
            problems.append("\(file): a second run gave different check results; setup, faults or checks are not deterministic")
        }
        var seen: Set<String> = []
        problems = problems.filter { seen.insert($0).inserted }
        return LabSelfTestReport(labID: lab.id, problems: problems, seconds: Date().timeIntervalSince(started), checks: lab.checks.count)
    }

    func apply(_ step: SolutionStep, builder: LabBuilder, sandbox: LabSandbox) throws {
        switch step {
        case .run(let line, _): try sandbox.mustRun(line)
        case .copy(let from, let to, _): try builder.copyIntoWork(from: from, to: to)
        case .edit(let file, let old, let new, _): try sandbox.replace(in: file, old, with: new)
        case .write(let file, let content, _): try sandbox.write(file, content)
        }
    }
}
