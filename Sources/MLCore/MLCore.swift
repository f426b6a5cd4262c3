// MLCore owns tabular data and models: the typed columnar table, the RFC 4180 CSV reader and
// writer, data contracts (schemas, validation, leakage checks, splits), preprocessing fitted on
// training data, the models (logistic, linear and ridge regression, histogram gradient boosting),
// explanations, and the versioned model artifact folder that scoring loads without training code.
