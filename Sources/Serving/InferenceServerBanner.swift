/// The start-up banner the Azure ML inference server (azmlinfsrv) prints before loading the model.
enum InferenceServerBanner {
    static func lines(script: String?, modelName: String, modelVersion: String, workers: Int) -> [String] {
        [
            "Azure ML Inferencing HTTP server v1.2.2", "", "",
            "Server Settings", "---------------",
            "Entry Script Name: \(script.map { "/var/azureml-app/code/\($0)" } ?? "None (MLflow no-code deployment)")",
            "Model Directory: /var/azureml-app/azureml-models/\(modelName)/\(modelVersion)",
            "Config File: None", "Worker Count: \(workers)", "Worker Timeout (seconds): None", "Server Port: 31311", "Health Port: 31311",
            "Application Insights Enabled: false", "Application Insights Key: None", "Inferencing HTTP server version: azmlinfsrv/1.2.2",
            "CORS for the specified origins: None", "Create dedicated endpoint for health: None", "", "",
            "Server Routes", "---------------", "Liveness Probe: GET   127.0.0.1:31311/", "Score:          POST  127.0.0.1:31311/score", "",
        ]
    }
}
