def greeting(what):
    return f"hello from {what}"
