import CLICore
import Foundation
import Jobs
import Workspace

/// `az ml job create|show|list|stream|cancel|download|archive|restore|update`: jobs really run
/// through the Jobs engine in a detached `mlopslab` runner process (hidden `job _run`), with their
/// records in the state home, so `create` returns at once and any process can show, follow or cancel them.
enum JobCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Status", TableView.field("status")), ("Experiment", TableView.field("experiment_name")),
        ("Compute target", TableView.field("compute")), ("Job type", TableView.field("type")),
        ("Created on", { $0["creation_context"]?["created_at"]?.stringValue ?? "" }),
    ])

    static func service(_ invocation: AzInvocation) throws -> (JobService, JobRecords) {
        let workspace = try invocation.workspace()
        let target = try invocation.target()
        let service = JobService(workspace: workspace, target: target)
        try service.recover()
        return (service, JobRecords(workspace: workspace, target: target))
    }

    /// Prints the job's streamed log until it ends, then the execution summary (az's `--stream` and
    /// `job stream`); a Failed job raises az's exception text. Ctrl-C stops following only.
    static func follow(_ name: String, type: String, service: JobService, records: JobRecords, invocation: AzInvocation) throws {
        let sandbox = (try? records.find(name))?.sandbox ?? service.jobsRoot.appendingPathComponent(name, isDirectory: true)
        let (status, stopped) = InterruptWatch.during { interrupted in
            let status = JobStreamer.stream(job: name, type: type, sandbox: sandbox, workspace: service.context,
                                            currentStatus: { (try? records.find(name))?.entity["status"]?.stringValue.flatMap(JobStatus.init(rawValue:)) },
                                            write: { invocation.emit($0) }, interrupted: interrupted)
            return (status, interrupted())
        }
        if stopped, status?.isTerminal != true {
            invocation.warn("Streaming stopped; job \(name) keeps running. Follow it again with `az ml job stream -n \(name)`, or stop it with `az ml job cancel -n \(name)`.")
            return
        }
        if status == .failed, let error = (try? records.find(name))?.entity["error"] {
            throw WorkspaceError.failed(JobStreamFormat.failure(JobErrorInfo(code: error["code"]?.stringValue ?? "UserError", message: error["message"]?.stringValue ?? "")))
        }
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml job create", "Create a job: it starts at once and runs in the background (--stream follows it).", options: [
            AzOption(["--file", "-f"], "Local path to the YAML file containing the job specification.", required: true),
            AzOption(["--name", "-n"], "Name of the job (overrides the YAML and the generated name)."), AzOption.set,
            AzOption(["--stream", "-s"], "Stream the job's logs to the console until it ends (Ctrl-C stops following; the job keeps running).", arity: .flag),
            AzOption(["--web", "-e"], "Show the studio URL (printed, not opened).", arity: .flag),
            AzOption(["--save-as", "-a"], "File to write the created job's JSON to."),
            AzOption(["--skip-validation"], "Skip validation (accepted; validation always runs here).", arity: .flag),
            AzOption.noWait,
        ], examples: ["az ml job create -f job.yml --stream", "az ml job create -f pipeline.yml --set settings.default_compute=azureml:cpu-cluster"]) { invocation in
            let (service, records) = try service(invocation)
            let file = invocation.localURL(try invocation.require("--file"))
            let started = try service.start(
                file: file, nameOverride: invocation.string("--name"), patches: try invocation.strings("--set").map(JSONPatch.parse),
                workingFolder: invocation.workingFolder, pathGuard: invocation.pathGuard(specFolder: file.deletingLastPathComponent()),
                runner: JobService.runnerExecutable())
            for warning in started.warnings { invocation.warn(warning) }
            if let saveAs = invocation.string("--save-as") {
                try? (started.entity.prettyPrinted() + "\n").write(to: invocation.localURL(saveAs), atomically: true, encoding: .utf8)
            }
            guard invocation.flag("--stream") else { return .json(started.entity) }
            try follow(started.name, type: started.type, service: service, records: records, invocation: invocation)
            return .json(try records.find(started.name).entity)
        },
        AzCommandSpec("ml job _run", "Runs a recorded job to its end (the detached runner `job create` starts).", options: [AzOption.name(required: true)]) { invocation in
            let (service, _) = try service(invocation)
            try service.runSubmitted(try invocation.require("--name"))
            return .nothing
        },
        AzCommandSpec("ml job show", "Show details for a job.", options: [AzOption.name(required: true), AzOption(["--web", "-e"], "Show the studio URL.", arity: .flag)]) { invocation in
            .json(try service(invocation).1.find(try invocation.require("--name")).entity)
        },
        AzCommandSpec("ml job list", "List jobs in a workspace (newest first).", options: [
            AzOption(["--max-results", "-r"], "Max number of results to return (default 50)."),
            AzOption(["--all-results"], "Return all results.", arity: .flag),
            AzOption(["--parent-job-name", "-p"], "List the child jobs of this pipeline or sweep job."),
            AzOption.includeArchived, AzOption.archivedOnly,
        ]) { invocation in
            let records = try service(invocation).1
            let limit = invocation.flag("--all-results") ? nil : (try invocation.int("--max-results") ?? 50)
            let items = try records.list(parent: invocation.string("--parent-job-name"), filter: invocation.archiveFilter(), limit: limit)
            if limit == 50, invocation.string("--max-results") == nil, items.count == 50 {
                invocation.warn("Showing the 50 most recent jobs; use --max-results or --all-results to see more.")
            }
            return .value(.array(items), table: listView)
        },
        AzCommandSpec("ml job stream", "Stream a job's logs until it ends (Ctrl-C stops following; the job keeps running).", options: [AzOption.name(required: true)]) { invocation in
            let (service, records) = try service(invocation)
            let name = try invocation.require("--name")
            let stored = try records.find(name)
            if stored.entity["parent_job_name"]?.stringValue != nil, stored.entity["type"]?.stringValue == "command" {
                throw WorkspaceError.failed("(PipelineChildJobError) az ml job stream is not supported on pipeline child jobs; stream the parent job \(stored.entity["parent_job_name"]?.stringValue ?? "") instead.")
            }
            try follow(name, type: stored.entity["type"]?.stringValue ?? "command", service: service, records: records, invocation: invocation)
            return .nothing
        },
        AzCommandSpec("ml job cancel", "Cancel a job.", options: [AzOption.name(required: true), AzOption.noWait]) { invocation in
            try service(invocation).0.cancel(try invocation.require("--name"), wait: !invocation.flag("--no-wait"))
            return .nothing
        },
        AzCommandSpec("ml job download", "Download a finished job's logs and default artifacts (<path>/artifacts), or named outputs (<path>/named-outputs/<name>).", options: [
            AzOption.name(required: true), AzOption(["--download-path", "-p"], "Folder to download into (default: the working folder)."),
            AzOption(["--output-name"], "A named output to download into named-outputs/<name> (default: the logs and default artifacts, into artifacts/)."),
            AzOption(["--all"], "Download the logs and default artifacts and every named output.", arity: .flag),
        ], examples: ["az ml job download -n my_job --download-path ./job-files", "az ml job download -n my_job --output-name model -p ./out"]) { invocation in
            let records = try service(invocation).1
            let name = try invocation.require("--name")
            let destination = invocation.localURL(invocation.string("--download-path") ?? ".")
            _ = try JobDownload(records: records).download(name, output: invocation.string("--output-name"), all: invocation.flag("--all"), to: destination)
            return .nothing
        },
        AzCommandSpec("ml job archive", "Archive a job.", options: [AzOption.name(required: true)]) { invocation in
            try service(invocation).1.setArchived(try invocation.require("--name"), archived: true)
            return .nothing
        },
        AzCommandSpec("ml job restore", "Restore an archived job.", options: [AzOption.name(required: true)]) { invocation in
            try service(invocation).1.setArchived(try invocation.require("--name"), archived: false)
            return .nothing
        },
        AzCommandSpec("ml job update", "Update display_name, experiment_name, description or tags of a job.", options: [AzOption.name(required: true), AzOption.set]) { invocation in
            let patches = try invocation.strings("--set").map(JSONPatch.parse)
            guard !patches.isEmpty else { throw AzUsageError.usage("Nothing to update: pass --set display_name=... (or experiment_name, description, tags.<key>)") }
            return .json(try service(invocation).1.update(try invocation.require("--name"), patches: patches))
        },
    ]
}
