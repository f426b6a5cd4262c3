/// Curated environments Azure ML ships (`AzureML-sklearn-1.5@latest` in a workspace, or
/// `azureml://registries/azureml/environments/sklearn-1.5/labels/latest`). They are built in:
/// always present, never stored, with the packages their images carry.
public enum CuratedEnvironments {
    /// One curated environment version.
    public struct Curated: Sendable, Equatable {
        public var name: String
        public var version: String
        public var image: String
        public var description: String
        /// `package==version` lines of the image's Python environment.
        public var packages: [String]
    }

    public static let all: [Curated] = [
        Curated(name: "AzureML-sklearn-1.5", version: "22", image: "mcr.microsoft.com/azureml/curated/sklearn-1.5:22",
                description: "An environment for tasks such as regression, clustering, and classification with Scikit-learn. Contains the Azure ML SDK and additional python packages.",
                packages: ["python==3.10", "scikit-learn==1.5.1", "numpy==1.26.4", "pandas==2.2.2", "scipy==1.13.1", "mlflow==2.16.0", "azureml-mlflow==1.57.0"]),
        Curated(name: "AzureML-lightgbm-3.3", version: "50", image: "mcr.microsoft.com/azureml/curated/lightgbm-3.3:50",
                description: "An environment for machine learning with Scikit-learn, LightGBM, XGBoost, Dask containing the Azure ML SDK and additional packages.",
                packages: ["python==3.8", "lightgbm==3.3.5", "scikit-learn==1.1.3", "numpy==1.23.5", "pandas==1.5.3", "xgboost==1.7.6", "mlflow==2.3.2", "azureml-mlflow==1.51.0"]),
        Curated(name: "AzureML-pytorch-2.2-cuda12", version: "8", image: "mcr.microsoft.com/azureml/curated/acpt-pytorch-2.2-cuda12.1:8",
                description: "Azure ML environment for PyTorch 2.2 with CUDA 12.1 (GPU).",
                packages: ["python==3.10", "torch==2.2.2", "numpy==1.26.4", "mlflow==2.16.0", "azureml-mlflow==1.57.0"]),
        Curated(name: "AzureML-tensorflow-2.16-cuda12", version: "5", image: "mcr.microsoft.com/azureml/curated/tensorflow-2.16-cuda12:5",
                description: "An environment for deep learning with Tensorflow 2.16 containing the Azure ML SDK and additional python packages.",
                packages: ["python==3.10", "tensorflow==2.16.1", "numpy==1.26.4", "mlflow==2.16.0", "azureml-mlflow==1.57.0"]),
        Curated(name: "AzureML-minimal-ubuntu22.04-py39-cpu-inference", version: "12", image: "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:12",
                description: "Minimal inference environment (Ubuntu 22.04, Python 3.9) with the Azure ML inference server.",
                packages: ["python==3.9", "azureml-inference-server-http==1.3.2"]),
    ]

    /// The curated environment with this workspace name (`AzureML-sklearn-1.5`) or registry name (`sklearn-1.5`).
    public static func find(_ name: String) -> Curated? {
        all.first { $0.name.caseInsensitiveCompare(name) == .orderedSame || $0.name.dropFirst("AzureML-".count).caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The environment JSON az shows for a curated environment.
    public static func entity(_ curated: Curated, registryStyle: Bool) -> JSONValue {
        let name = registryStyle ? String(curated.name.dropFirst("AzureML-".count)) : curated.name
        return [
            "creation_context": ["created_at": "2024-10-01T00:00:00.000000+00:00", "created_by": "Microsoft", "created_by_type": "User"],
            "description": .string(curated.description),
            "id": .string("azureml://registries/azureml/environments/\(name)/versions/\(curated.version)"),
            "image": .string(curated.image), "name": .string(name), "os_type": "linux",
            "properties": ["azureml.curated": "true"],
            "tags": ["Python": .string(curated.packages.first { $0.hasPrefix("python==") }.map { String($0.dropFirst(8)) } ?? "")],
            "version": .string(curated.version),
        ]
    }
}
