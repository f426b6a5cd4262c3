import Foundation
import Testing
@testable import AzCLI

@Suite struct ScheduleAndBatchCommandTests {
    @Test func scheduleCommandsCreateShowDisableTriggerAndDelete() throws {
        let box = try AzSandbox()
        try box.write("job.yml", "command: echo from-schedule\nenvironment:\n  image: python\n")
        try box.write("schedule.yml", """
            name: nightly
            trigger:
              type: cron
              expression: "0 6 * * *"
              time_zone: "Pacific Standard Time"
            create_job: ./job.yml
            """)
        let created = box.az("ml schedule create -f schedule.yml --query trigger.time_zone -o tsv")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "Pacific Standard Time\n")
        // 06:00 Pacific is 14:00 UTC (PST, UTC-8) or 13:00 UTC (PDT): never 06:00 UTC.
        let next = box.az("ml schedule show -n nightly --query next_run_time -o tsv").stdout
        #expect(next.contains("T14:00:00") || next.contains("T13:00:00"), "\(next)")
        #expect(box.az("ml schedule disable -n nightly -o none").status == 0)
        #expect(box.az("ml schedule list --query length(@) -o tsv").stdout == "0\n")
        #expect(box.az("ml schedule list --include-disabled --query [0].is_enabled -o tsv").stdout == "False\n")
        let triggered = box.az("ml schedule trigger -n nightly --query status -o tsv")
        #expect(triggered.stdout == "Completed\n", "\(triggered.stderr)")
        #expect(box.az("ml job list --query [0].tags.\"azureml.schedule\" -o tsv").stdout == "nightly\n")
        #expect(box.az("ml schedule delete -n nightly --yes").status == 0)
        let missing = box.az("ml schedule show -n nightly")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Schedule nightly was not found"))
    }

    @Test func badScheduleYAMLGivesOneClearError() throws {
        let box = try AzSandbox()
        try box.write("bad.yml", "name: s\ntrigger:\n  type: cron\n  expression: \"0 6 * *\"\ncreate_job: ./job.yml\n")
        let result = box.az("ml schedule create -f bad.yml")
        #expect(result.status == 2)
        #expect(result.stderr.contains("it needs 5 fields"))
    }

    @Test func batchEndpointCommandsAndTheirErrors() throws {
        let box = try AzSandbox()
        #expect(box.az("ml batch-endpoint create -n churn-batch -o none").status == 0)
        #expect(box.az("ml batch-endpoint show -n churn-batch --query auth_mode -o tsv").stdout == "aad_token\n")
        #expect(box.az("ml batch-endpoint list --query [0].scoring_uri -o tsv").stdout.hasSuffix("/jobs\n"))
        let noDefault = box.az("ml batch-endpoint invoke -n churn-batch --input data")
        #expect(noDefault.status == 1)
        #expect(noDefault.stderr.contains("has no default deployment"))
        let bad = box.az(words: ["ml", "batch-endpoint", "create", "-n", "x"])
        #expect(bad.stderr.contains("is invalid"))
        try box.write("dep.yml", "name: lr\nendpoint_name: churn-batch\nmodel: azureml:nope:1\ncompute: azureml:cpu-cluster\n")
        let missingModel = box.az("ml batch-deployment create -f dep.yml")
        #expect(missingModel.status == 1)
        #expect(box.az("ml batch-endpoint delete -n churn-batch --yes").status == 0)
        #expect(box.az("ml batch-endpoint list --query length(@) -o tsv").stdout == "0\n")
    }
}
