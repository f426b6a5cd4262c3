// Jobs owns Azure ML jobs as they really run here: the command, pipeline and sweep job YAML
// schemas with az-style validation errors, `${{...}}` bindings, the job sandbox with materialised
// inputs, the child process with its logs (user_logs/std_log.txt), the status machine (NotStarted
// ... Completed/Failed/Canceled), pipelines in dependency order with step reuse, and sweeps that
// run real trials. It reaches assets through a resolver protocol that the Workspace implements.
