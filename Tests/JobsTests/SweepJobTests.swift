import Foundation
import Testing
@testable import Jobs

@Suite struct SweepJobTests {
    /// A trial script that logs `loss = (x - 3)^2` and `x` in MLCommands' run-folder layout.
    static let script = """
    #!/bin/sh
    x="$1"
    mkdir -p "$MLOPSLAB_RUN_DIR/metrics" "$MLOPSLAB_RUN_DIR/params"
    printf '%s' "$x" > "$MLOPSLAB_RUN_DIR/params/x"
    loss=$(awk -v x="$x" 'BEGIN { printf "%.6f", (x - 3) * (x - 3) }')
    echo "1700000000000 99 0" >> "$MLOPSLAB_RUN_DIR/metrics/loss"
    echo "1700000000001 $loss 1" >> "$MLOPSLAB_RUN_DIR/metrics/loss"
    echo "x=$x loss=$loss"
    """

    static func sweep(goal: String = "minimize", metric: String = "loss", sampling: String = "grid", trials: Int = 5) -> String {
        """
        type: sweep
        experiment_name: tune
        trial:
          code: src
          command: sh trial.sh ${{search_space.x}}
          environment: azureml:env:1
        sampling_algorithm: \(sampling)
        search_space:
          x:
            type: choice
            values: [1, 2, 3, 4, 6]
        objective:
          goal: \(goal)
          primary_metric: \(metric)
        limits:
          max_total_trials: \(trials)
          max_concurrent_trials: 2
        """
    }

    @Test func gridSweepRunsRealTrialsAndPicksTheBest() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", Self.script)
        let result = try harness.run(Self.sweep(), name: "tune_min")
        #expect(result.status == .completed, "\(result.error?.message ?? "")")
        let best = try #require(result.bestTrial)
        let bestInfo = harness.sink.events.compactMap { event -> JobRecordInfo? in
            if case .created(let info) = event, info.name == best { return info }
            return nil
        }.first
        #expect(bestInfo?.parameters == ["x": "3"])
        #expect(result.bestMetricValue == 0)
        #expect(result.run.tags["best_child_run_id"] == result.bestTrial)
        let trials = harness.sink.events.compactMap { event -> JobRecordInfo? in
            if case .created(let info) = event, info.parentName == "tune_min" { return info }
            return nil
        }
        #expect(trials.count == 5)
        #expect(Set(trials.compactMap { $0.parameters["x"] }) == ["1", "2", "3", "4", "6"])
        for trial in trials {
            #expect(harness.sink.result(of: trial.name)?.status == .completed)
        }
        let log = try String(contentsOf: JobSandbox(jobsRoot: harness.jobsRoot, name: "tune_min").sweepLog, encoding: .utf8)
        #expect(log.contains("Best trial: \(result.bestTrial ?? "?") with loss = 0.0"))
    }

    @Test func maximizeUsesTheLastLoggedValue() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", Self.script)
        let result = try harness.run(Self.sweep(goal: "maximize"), name: "tune_max")
        #expect(result.status == .completed)
        // The first logged point is 99 for every trial; the best by the last value is x=6 (loss 9).
        #expect(result.bestMetricValue == 9)
    }

    @Test func primaryMetricNeverLoggedFailsTheSweepNamingIt() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", Self.script)
        let result = try harness.run(Self.sweep(metric: "accuracy", trials: 2), name: "tune_bad")
        #expect(result.status == .failed)
        let message = result.error?.message ?? ""
        #expect(message.contains("The primary metric 'accuracy' was never logged"))
        #expect(message.contains("logged only these metrics: loss"))
    }

    @Test func randomSamplingIsSeededAndWithinBounds() throws {
        let space = [
            SearchParameter(name: "lr", distribution: .loguniform(min: -4, max: -1), position: SourcePosition(file: "s", line: 1, column: 1)),
            SearchParameter(name: "depth", distribution: .randint(upper: 5), position: SourcePosition(file: "s", line: 2, column: 1)),
            SearchParameter(name: "units", distribution: .quniform(min: 10, max: 50, q: 10), position: SourcePosition(file: "s", line: 3, column: 1)),
        ]
        let first = SweepSampler.sample(space, algorithm: .random(seed: 5), count: 50)
        let again = SweepSampler.sample(space, algorithm: .random(seed: 5), count: 50)
        let other = SweepSampler.sample(space, algorithm: .random(seed: 6), count: 50)
        #expect(first == again)
        #expect(first != other)
        for trial in first {
            let lr = Double(trial["lr"] ?? "") ?? -1
            #expect(lr >= exp(-4) && lr <= exp(-1))
            let depth = Int(trial["depth"] ?? "") ?? -1
            #expect((0..<5).contains(depth))
            let units = Int(trial["units"] ?? "") ?? -1
            #expect([10, 20, 30, 40, 50].contains(units))
        }
    }

    @Test func gridEnumeratesEveryCombination() {
        let space = [
            SearchParameter(name: "a", distribution: .choice(["1", "2"]), position: SourcePosition(file: "s", line: 1, column: 1)),
            SearchParameter(name: "b", distribution: .choice(["x", "y", "z"]), position: SourcePosition(file: "s", line: 2, column: 1)),
        ]
        let grid = SweepSampler.sample(space, algorithm: .grid, count: 100)
        #expect(grid.count == 6)
        #expect(Set(grid.map { "\($0["a"] ?? "")\($0["b"] ?? "")" }) == ["1x", "1y", "1z", "2x", "2y", "2z"])
        #expect(SweepSampler.sample(space, algorithm: .grid, count: 4).count == 4)
    }

    @Test func unknownSearchSpaceBindingIsAnError() {
        let yaml = Self.sweep().replacingOccurrences(of: "${{search_space.x}}", with: "${{search_space.y}}")
        let issues = schemaIssues(yaml)
        #expect(issues.map(\.field) == ["trial.command"])
        #expect(issues.first?.position.line == 5)
    }
}

@Suite struct SweepLimitTests {
    @Test func sweepTimeoutLeavesLaterTrialsNotRun() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", SweepJobTests.script + "\nsleep 1\n")
        let yaml = SweepJobTests.sweep(trials: 4)
            .replacingOccurrences(of: "max_concurrent_trials: 2", with: "max_concurrent_trials: 1\n  timeout: 1")
        let result = try harness.run(yaml, name: "tune_timeout")
        let trials = (0..<4).compactMap { harness.sink.result(of: "tune_timeout_\($0)") }
        #expect(trials.count == 4)
        #expect(trials.filter { $0.status == .canceled && ($0.error?.message.contains("before this trial started") ?? false) }.count >= 2)
        #expect(trials.allSatisfy { $0.status != .failed })
        #expect([JobStatus.completed, .failed].contains(result.status))
    }

    @Test func canceledSweepStopsItsTrials() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", "sleep 30\n")
        let prepared = try harness.prepare(SweepJobTests.sweep(trials: 3), name: "tune_cancel")
        let root = harness.jobsRoot
        DispatchQueue.global().async {
            for _ in 0..<500 {
                if JobSandbox(jobsRoot: root, name: "tune_cancel_0").processInfo().map({ $0.pid > 0 }) == true { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            _ = try? JobEngine.requestCancel(jobName: "tune_cancel", jobsRoot: root)
        }
        let started = Date()
        let result = harness.engine.run(prepared)
        #expect(result.status == .canceled)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect((0..<3).allSatisfy { harness.sink.result(of: "tune_cancel_\($0)")?.status == .canceled })
    }
}
