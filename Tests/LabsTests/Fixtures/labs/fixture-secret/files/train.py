import os

def storage_credential():
    # connect to the lake
    return os.environ.get("LAKE_CREDENTIAL", "")
