import Foundation
import Testing
@testable import Jobs

@Suite struct EarlyTerminationTests {
    @Test func banditStopsTrialsOutsideTheSlackOfTheBest() {
        let monitor = EarlyTerminationMonitor(policy: EarlyTerminationPolicy(kind: .bandit, slackFactor: 0.1), goal: .maximize, metric: "acc")
        monitor.finished(trial: "t0", values: [0.80, 0.90])
        #expect(monitor.observe(trial: "t1", values: [0.75]) == nil)          // 0.75 >= 0.80 / 1.1
        let reason = monitor.observe(trial: "t1", values: [0.75, 0.70])       // 0.70 < 0.90 / 1.1
        #expect(reason?.contains("bandit policy at value 2 of acc") == true)
        #expect(reason?.contains("best trial t0 (0.9)") == true)
        let minimize = EarlyTerminationMonitor(policy: EarlyTerminationPolicy(kind: .bandit, slackAmount: 0.5), goal: .minimize, metric: "loss")
        minimize.finished(trial: "a", values: [1.0])
        #expect(minimize.observe(trial: "b", values: [1.4]) == nil)
        #expect(minimize.observe(trial: "c", values: [1.6]) != nil)
    }

    @Test func delayAndIntervalChooseTheEvaluationPoints() {
        let policy = EarlyTerminationPolicy(kind: .bandit, evaluationInterval: 2, delayEvaluation: 1, slackFactor: 0)
        #expect((1...7).filter(policy.evaluates(atCount:)) == [3, 5, 7])
        let monitor = EarlyTerminationMonitor(policy: policy, goal: .maximize, metric: "acc")
        monitor.finished(trial: "best", values: [1, 1, 1, 1])
        #expect(monitor.observe(trial: "weak", values: [0, 0]) == nil)
        #expect(monitor.observe(trial: "weak", values: [0, 0, 0]) != nil)
    }

    @Test func medianStoppingComparesBestSoFarWithRunningAverages() {
        let monitor = EarlyTerminationMonitor(policy: EarlyTerminationPolicy(kind: .medianStopping, delayEvaluation: 1), goal: .maximize, metric: "acc")
        monitor.finished(trial: "a", values: [0.5, 0.7])   // running averages at 2: 0.6
        monitor.finished(trial: "b", values: [0.7, 0.9])   // 0.8 → median 0.7
        #expect(monitor.observe(trial: "c", values: [0.2, 0.75]) == nil)
        let reason = monitor.observe(trial: "d", values: [0.3, 0.55])   // averages a 0.6, b 0.8, c 0.475 → median 0.6
        #expect(reason?.contains("best value 0.55 is worse than the median 0.6") == true)
    }

    @Test func truncationSelectionStopsTheWorstShare() {
        let monitor = EarlyTerminationMonitor(policy: EarlyTerminationPolicy(kind: .truncationSelection, truncationPercentage: 25), goal: .minimize, metric: "loss")
        monitor.finished(trial: "a", values: [1])
        monitor.finished(trial: "b", values: [2])
        monitor.finished(trial: "c", values: [3])
        #expect(monitor.observe(trial: "d", values: [2.5]) == nil)
        #expect(monitor.observe(trial: "e", values: [9])?.contains("worst 25% of 5 trials") == true)
    }

    @Test func banditStopsARealTrialWhileItRuns() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/trial.sh", """
        #!/bin/sh
        mkdir -p "$MLOPSLAB_RUN_DIR/metrics"
        for step in 1 2 3 4; do
          awk -v x="$1" -v s="$step" 'BEGIN { printf "1700000000000 %.3f %d\\n", 1 / x, s }' >> "$MLOPSLAB_RUN_DIR/metrics/acc"
          echo "step $step"
          sleep 0.15
        done
        """)
        let result = try harness.run("""
        type: sweep
        trial:
          code: src
          command: sh trial.sh ${{search_space.x}}
          environment: azureml:env:1
        sampling_algorithm: grid
        search_space:
          x: {type: choice, values: [1, 5, 1.05]}
        objective: {goal: maximize, primary_metric: acc}
        limits: {max_total_trials: 3, max_concurrent_trials: 1}
        early_termination: {type: bandit, slack_factor: 0.1}
        """, name: "bandit")
        #expect(result.status == .completed)
        #expect(result.bestTrial == "bandit_0")
        let stopped = try #require(harness.sink.result(of: "bandit_1"))
        #expect(stopped.status == .canceled)
        #expect(stopped.error?.message.contains("Early terminated by the bandit policy") == true)
        #expect((stopped.run.metrics["acc"]?.count ?? 0) < 4)
        #expect(harness.log("bandit_1").contains("[mlopslab] Early terminated"))
        #expect(harness.sink.result(of: "bandit_2")?.status == .completed)   // 0.952 is within 10 % of 1.0
    }
}
