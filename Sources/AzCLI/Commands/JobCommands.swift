import Workspace

/// `az ml job ...`: jobs run through the Jobs module; until it is wired in, every job command
/// says so instead of accepting the request silently.
enum JobCommands {
    static let names = ["create", "show", "list", "stream", "cancel", "download", "archive", "restore", "update", "validate"]

    static let specs: [AzCommandSpec] = names.map { name in
        AzCommandSpec("ml job \(name)", "\(name.prefix(1).uppercased() + name.dropFirst()) a job (not simulated yet in this build).", options: [
            AzOption.file, AzOption.name, AzOption.set, AzOption(["--stream", "-s"], "Stream the job's logs.", arity: .flag),
            AzOption.maxResults, AzOption(["--all-results"], "All results.", arity: .flag),
            AzOption(["--parent-job-name", "-p"], "Parent pipeline job."), AzOption(["--download-path"], "Download folder."),
            AzOption(["--output-name"], "Named output."), AzOption(["--all"], "All outputs.", arity: .flag),
            AzOption.includeArchived, AzOption.archivedOnly, AzOption.noWait,
        ]) { _ in
            throw WorkspaceError.notSimulated("az ml job \(name) (jobs are not wired into this build yet)")
        }
    }
}
